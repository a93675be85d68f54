using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Catalog.MovieLens;

/// <summary>Bytes received so far of a download whose total size may be unknown.</summary>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes);

/// <summary>Raised when the download or its verification fails; the message says what to do instead.</summary>
public sealed class MovieLensDownloadException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Downloads a MovieLens zip from GroupLens, verifies it against the MD5 checksum GroupLens publishes
/// beside it (url + ".md5") and unpacks it under the data folder.
/// </summary>
public sealed partial class MovieLensDownloader(
    HttpClient httpClient,
    IOptions<CatalogOptions> catalogOptions,
    IOptions<DataOptions> dataOptions,
    ILogger<MovieLensDownloader> logger)
{
    private const int BufferSize = 81920;

    /// <summary>Returns the folder a download of the configured URL unpacks into: data/movielens/NAME.</summary>
    public static string TargetFolder(CatalogOptions catalog, DataOptions data)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var name = Path.GetFileNameWithoutExtension(new Uri(catalog.DownloadUrl).AbsolutePath);
        return data.Resolve("movielens", string.IsNullOrEmpty(name) ? "movielens" : name);
    }

    /// <summary>Downloads, verifies and unpacks the catalog, unless it is already there; returns its folder.</summary>
    public async Task<string> DownloadAsync(bool force, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var catalog = catalogOptions.Value;
        var target = TargetFolder(catalog, dataOptions.Value);
        if (!force && Directory.Exists(target) && MovieLensLayoutDetector.Detect(target) is not null)
        {
            LogAlreadyPresent(logger, target);
            return target;
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var archive = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.zip");
        var extracted = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(catalog.DownloadTimeoutSeconds));
            var url = new Uri(catalog.DownloadUrl);
            LogDownloading(logger, url);
            var md5 = await DownloadToFileAsync(url, archive, progress, timeout.Token).ConfigureAwait(false);
            await VerifyChecksumAsync(url, md5, timeout.Token).ConfigureAwait(false);
            Unpack(archive, extracted, target);
            LogDownloaded(logger, target);
            return target;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MovieLensDownloadException(
                $"The download of {catalog.DownloadUrl} took longer than Catalog:DownloadTimeoutSeconds ({catalog.DownloadTimeoutSeconds} s). "
                + OfflineHint());
        }
        finally
        {
            DeleteQuietly(archive);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    private async Task<byte[]> DownloadToFileAsync(Uri url, string path, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new MovieLensDownloadException($"Could not reach {url.Host} to download {url}: {exception.Message}. {OfflineHint()}", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new MovieLensDownloadException(
                    $"The server answered {(int)response.StatusCode} {response.ReasonPhrase} for {url}. Check Catalog:DownloadUrl, or {OfflineHint()}");
            }

            var total = response.Content.Headers.ContentLength;
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[BufferSize];
                    long received = 0;
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        md5.AppendData(buffer, 0, read);
                        received += read;
                        progress?.Report(new DownloadProgress(received, total));
                    }

                    if (total is { } expected && received != expected)
                    {
                        throw new MovieLensDownloadException($"The download of {url} ended after {received} of {expected} bytes. Run the download again.");
                    }
                }
            }

            return md5.GetHashAndReset();
        }
    }

    private async Task VerifyChecksumAsync(Uri url, byte[] actualMd5, CancellationToken cancellationToken)
    {
        var checksumUrl = new Uri(url + ".md5");
        using var response = await httpClient.GetAsync(checksumUrl, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            LogNoChecksum(logger, checksumUrl);
            return;
        }

        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        // GroupLens' .md5 files read "MD5 (ml-latest-small.zip) = <hex>"; md5sum writes "<hex>  file".
        var expected = text.Split([' ', '\t', '\r', '\n', '='], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(token => token.Length == 32 && token.All(Uri.IsHexDigit));
        if (expected is null)
        {
            throw new MovieLensDownloadException($"The checksum file {checksumUrl} holds no MD5 value; the download was not used.");
        }

        var actual = Convert.ToHexStringLower(actualMd5);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new MovieLensDownloadException(
                $"The downloaded archive's MD5 is {actual}, but {checksumUrl} says {expected.ToLowerInvariant()}; the download is damaged and was not used. Run the download again.");
        }

        LogChecksumVerified(logger, actual);
    }

    private static void Unpack(string archive, string extracted, string target)
    {
        try
        {
            ZipFile.ExtractToDirectory(archive, extracted);
        }
        catch (InvalidDataException exception)
        {
            throw new MovieLensDownloadException($"The downloaded file is not a valid zip archive ({exception.Message}). Run the download again.", exception);
        }

        // GroupLens archives hold one top-level folder (ml-latest-small/); accept a flat archive as well.
        var folder = MovieLensLayoutDetector.Detect(extracted) is not null
            ? extracted
            : Directory.GetDirectories(extracted).FirstOrDefault(d => MovieLensLayoutDetector.Detect(d) is not null)
              ?? throw new MovieLensDownloadException("The downloaded archive holds no MovieLens files (movies.csv, movies.dat or u.item).");

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(folder, target);
    }

    private static string OfflineHint() =>
        "If this machine is offline, download ml-latest-small.zip from https://grouplens.org/datasets/movielens/ on another machine, "
        + "unpack it here and set Catalog:MovieLensPath to that folder (for example --Catalog:MovieLensPath=/path/to/ml-latest-small).";

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "MovieLens is already in {Folder}; pass --force to download it again.")]
    private static partial void LogAlreadyPresent(ILogger logger, string folder);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Downloading {Url}.")]
    private static partial void LogDownloading(ILogger logger, Uri url);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "MovieLens unpacked into {Folder}.")]
    private static partial void LogDownloaded(ILogger logger, string folder);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "No checksum at {Url}; the archive was checked only by unpacking it.")]
    private static partial void LogNoChecksum(ILogger logger, Uri url);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Archive MD5 {Md5} matches the published checksum.")]
    private static partial void LogChecksumVerified(ILogger logger, string md5);
}
