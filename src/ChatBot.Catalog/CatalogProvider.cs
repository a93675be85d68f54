using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using Microsoft.Extensions.Options;

namespace ChatBot.Catalog;

/// <summary>Raised when no MovieLens folder is configured or downloaded.</summary>
public sealed class CatalogNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds the configured MovieLens folder and loads the catalog from it on first use. It is the
/// registered <see cref="IMovieCatalog"/>, so services that take the catalog can be constructed
/// (for example to list command-line verbs) without loading it.
/// </summary>
public sealed class CatalogProvider : IMovieCatalog
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

    string IMovieCatalog.Name => Catalog.Name;

    IReadOnlyList<Movie> IMovieCatalog.Movies => Catalog.Movies;

    IReadOnlyList<string> IMovieCatalog.Genres => Catalog.Genres;

    RatingTable IMovieCatalog.Ratings => Catalog.Ratings;

    Movie? IMovieCatalog.Find(int movieId) => Catalog.Find(movieId);

    int IMovieCatalog.RatingCount(int movieId) => Catalog.RatingCount(movieId);

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

    /// <summary>Gets a value indicating whether the catalog has been loaded.</summary>
    public bool IsLoaded => _import.IsValueCreated;

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
