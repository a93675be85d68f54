using ChatBot.Catalog.MovieLens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Catalog;

/// <summary>
/// Makes sure a catalog folder exists before the host builds anything that reads it: when none is
/// configured or downloaded, downloads MovieLens if Catalog:AutoDownload allows it.
/// </summary>
public sealed partial class CatalogBootstrapper(
    CatalogProvider provider,
    MovieLensDownloader downloader,
    IOptions<CatalogOptions> options,
    ILogger<CatalogBootstrapper> logger)
{
    /// <exception cref="CatalogNotFoundException">No catalog is available and it could not be downloaded.</exception>
    public async Task EnsureAvailableAsync(IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (provider.IsAvailable)
        {
            return;
        }

        // A configured folder that does not exist is a mistake to report, not a reason to download.
        if (!options.Value.AutoDownload || !string.IsNullOrWhiteSpace(options.Value.MovieLensPath))
        {
            // Throws the message that explains how to configure or download a catalog.
            _ = provider.Catalog;
        }

        LogDownloadingCatalog(logger);
        try
        {
            await downloader.DownloadAsync(force: false, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (MovieLensDownloadException exception)
        {
            throw new CatalogNotFoundException(exception.Message);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "No MovieLens folder is configured; downloading one (set Catalog:MovieLensPath to use a local copy, or Catalog:AutoDownload=false to turn this off).")]
    private static partial void LogDownloadingCatalog(ILogger logger);
}
