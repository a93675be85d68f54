using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using Microsoft.Extensions.Options;

namespace ChatBot.Catalog;

/// <summary>Raised when no MovieLens folder is configured or downloaded.</summary>
public sealed class CatalogNotFoundException(string message) : Exception(message);

/// <summary>Finds the configured MovieLens folder and loads the catalog from it once.</summary>
public sealed class CatalogProvider
{
    private readonly Lazy<MovieLensImport> _import;
    private readonly CatalogOptions _catalogOptions;
    private readonly DataOptions _dataOptions;

    public CatalogProvider(IOptions<CatalogOptions> catalogOptions, IOptions<DataOptions> dataOptions, MovieLensLoader loader)
    {
        ArgumentNullException.ThrowIfNull(catalogOptions);
        ArgumentNullException.ThrowIfNull(dataOptions);
        var catalog = catalogOptions.Value;
        var data = dataOptions.Value;
        _catalogOptions = catalog;
        _dataOptions = data;
        _import = new Lazy<MovieLensImport>(() => loader.Load(ResolveFolder(catalog, data)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IMovieCatalog Catalog => _import.Value.Catalog;

    /// <summary>Gets a value indicating whether a catalog folder is configured or was downloaded.</summary>
    public bool IsAvailable
    {
        get
        {
            try
            {
                ResolveFolder(_catalogOptions, _dataOptions);
                return true;
            }
            catch (CatalogNotFoundException)
            {
                return false;
            }
        }
    }

    public MovieLensImport Import => _import.Value;

    /// <summary>Returns the folder the catalog is read from: the configured path, else the downloaded copy.</summary>
    public static string ResolveFolder(CatalogOptions catalog, DataOptions data)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        if (!string.IsNullOrWhiteSpace(catalog.MovieLensPath))
        {
            var configured = Path.GetFullPath(catalog.MovieLensPath);
            if (!Directory.Exists(configured))
            {
                throw new CatalogNotFoundException(
                    $"Catalog:MovieLensPath is '{catalog.MovieLensPath}', but the folder '{configured}' does not exist. "
                    + "Point it at an unpacked MovieLens folder (one holding movies.csv, movies.dat or u.item).");
            }

            return configured;
        }

        var downloaded = MovieLensDownloader.TargetFolder(catalog, data);
        if (Directory.Exists(downloaded) && MovieLensLayoutDetector.Detect(downloaded) is not null)
        {
            return downloaded;
        }

        throw new CatalogNotFoundException(
            "No movie catalog is configured. Either download MovieLens with "
            + "'dotnet run --project src/ChatBot.Host -- download', or point Catalog:MovieLensPath at an unpacked MovieLens folder, "
            + "for example --Catalog:MovieLensPath=/path/to/ml-latest-small or the environment variable Catalog__MovieLensPath.");
    }
}
