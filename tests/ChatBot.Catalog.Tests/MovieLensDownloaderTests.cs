using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Hosting;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Catalog.Tests;

public sealed class MovieLensDownloaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("chatbot-download");
    private readonly byte[] _archive;

    public MovieLensDownloaderTests()
    {
        // A GroupLens-shaped archive (one top-level folder) made from the real ml-latest-small files.
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in new[] { "movies.csv", "links.csv", "ratings.csv" })
            {
                zip.CreateEntryFromFile(Path.Combine(TestData.MovieLensSmall, file), $"ml-latest-small/{file}");
            }
        }

        _archive = stream.ToArray();
    }

    [Fact]
    public async Task DownloadAsync_VerifiedArchive_UnpacksLoadableCatalog()
    {
        var md5 = Convert.ToHexStringLower(MD5.HashData(_archive));
        using var server = new ArchiveServer(_archive, $"MD5 (ml-latest-small.zip) = {md5}\n");
        var reports = new List<DownloadProgress>();

        var folder = await CreateDownloader(server.Url).DownloadAsync(force: false, new SynchronousProgress(reports.Add), CancellationToken.None);

        Assert.Equal(Path.Combine(_folder.Path, "movielens", "ml-latest-small"), folder);
        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(folder).Catalog;
        Assert.Equal(9742, catalog.Movies.Count);
        Assert.Equal(_archive.Length, reports[^1].BytesReceived);
        Assert.Equal(_archive.Length, reports[^1].TotalBytes);
    }

    [Fact]
    public async Task DownloadAsync_ChecksumMismatch_RejectsArchiveAndKeepsNothing()
    {
        using var server = new ArchiveServer(_archive, "MD5 (ml-latest-small.zip) = 00000000000000000000000000000000\n");

        var error = await Assert.ThrowsAsync<MovieLensDownloadException>(() =>
            CreateDownloader(server.Url).DownloadAsync(force: false, null, CancellationToken.None));

        Assert.Contains("MD5", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "movielens", "ml-latest-small")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "movielens")));
    }

    [Fact]
    public async Task DownloadAsync_AlreadyPresent_DoesNotDownloadAgain()
    {
        using var server = new ArchiveServer(_archive, checksum: null);
        var downloader = CreateDownloader(server.Url);
        await downloader.DownloadAsync(force: false, null, CancellationToken.None);
        var requests = server.Requests;

        await downloader.DownloadAsync(force: false, null, CancellationToken.None);

        Assert.Equal(requests, server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_Offline_FailsFastWithHowToConfigure()
    {
        var closedPort = FreePort();

        var error = await Assert.ThrowsAsync<MovieLensDownloadException>(() =>
            CreateDownloader($"http://127.0.0.1:{closedPort}/ml-latest-small.zip").DownloadAsync(force: false, null, CancellationToken.None));

        Assert.Contains("Catalog:MovieLensPath", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private MovieLensDownloader CreateDownloader(string url) => new(
        new HttpClient(),
        Options.Create(new CatalogOptions { DownloadUrl = url }),
        Options.Create(new DataOptions { Directory = _folder.Path }),
        NullLogger<MovieLensDownloader>.Instance);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    /// <summary>Serves the archive and, when given, its checksum file on 127.0.0.1, as files.grouplens.org does.</summary>
    private sealed class ArchiveServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _requests;

        public ArchiveServer(byte[] archive, string? checksum)
        {
            var port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Url = $"http://127.0.0.1:{port}/ml-latest-small.zip";
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (HttpListenerException)
                    {
                        return;
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requests);
                    var path = context.Request.Url!.AbsolutePath;
                    byte[]? body = path == "/ml-latest-small.zip" ? archive
                        : path == "/ml-latest-small.zip.md5" && checksum is not null ? System.Text.Encoding.ASCII.GetBytes(checksum)
                        : null;
                    context.Response.StatusCode = body is null ? 404 : 200;
                    if (body is not null)
                    {
                        context.Response.ContentLength64 = body.Length;
                        await context.Response.OutputStream.WriteAsync(body);
                    }

                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
