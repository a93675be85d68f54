using System.Text;
using ChatBot.Core.Conversations;
using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Host;

/// <summary>Raised when the data folder's ratings were made against another MovieLens catalog.</summary>
public sealed class CatalogMismatchException(string message) : Exception(message);

/// <summary>
/// Keeps the data folder's ratings tied to the catalog they were made with. Ratings store only movie ids, and
/// MovieLens datasets do not share ids: ml-100k numbers its movies on its own, so its movie 6 is not
/// ml-latest's Heat. Another catalog would therefore attach every rating to another film.
/// The database keeps the titles of the catalog's lowest movie ids; at start those ids must still carry the
/// same titles. Catalogs that share ids, such as ml-latest-small and ml-latest, pass.
/// </summary>
internal static class CatalogIdentity
{
    /// <summary>The key of the stored sample in the database's key-value store.</summary>
    public const string Key = "catalog.signature";

    /// <summary>How many of the lowest movie ids the sample holds.</summary>
    private const int SampleSize = 50;

    /// <summary>The least share of sampled ids, found in the new catalog, whose titles must match.</summary>
    private const double MinMatchingShare = 0.8;

    /// <summary>
    /// Checks the catalog against the stored sample and stores the catalog's own sample.
    /// </summary>
    /// <exception cref="CatalogMismatchException">Ratings exist and the catalog numbers movies differently.</exception>
    public static void Verify(IMovieCatalog catalog, IKeyValueStore store, IRatingStore ratings, string catalogPath, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ratings);
        var stored = store.Get(Key);
        if (stored is not null && Mismatch(catalog, stored) is { } example)
        {
            var count = ratings.GetStatistics().Ratings;
            if (count > 0)
            {
                throw new CatalogMismatchException(
                    $"The data folder '{dataFolder}' contains ratings ({count}) made with another MovieLens catalog: movie {example.Id} was " +
                    $"\"{example.Before}\" there, but {(example.After is null ? "does not exist" : $"is \"{example.After}\"")} in '{catalogPath}'. MovieLens datasets number their movies " +
                    "differently (ml-100k uses ids of its own), so these ratings would attach to other films. Point " +
                    "Catalog:MovieLensPath back at the catalog the ratings were made with, or use a new Data:Directory for this one.");
            }
        }

        store.Set(Key, Sample(catalog));
    }

    /// <summary>
    /// Returns one sampled movie that shows the catalogs differ, or null when they agree. They differ when fewer
    /// than half of the sampled ids exist, or when too few of those keep their titles. After is null for a missing id.
    /// </summary>
    private static (int Id, string Before, string? After)? Mismatch(IMovieCatalog catalog, string stored)
    {
        var sampled = 0;
        var present = 0;
        var matching = 0;
        (int Id, string Before, string? After)? renamed = null;
        (int Id, string Before, string? After)? missing = null;
        foreach (var line in stored.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !int.TryParse(line.AsSpan(0, tab), out var movieId))
            {
                continue;
            }

            sampled++;
            var before = line[(tab + 1)..];
            if (catalog.Find(movieId) is not { } movie)
            {
                missing ??= (movieId, before, null);
                continue;
            }

            present++;
            if (Normalise(before) == Normalise(movie.DisplayTitle))
            {
                matching++;
            }
            else
            {
                renamed ??= (movieId, before, movie.DisplayTitle);
            }
        }

        if (present * 2 < sampled)
        {
            return renamed ?? missing;
        }

        return matching >= MinMatchingShare * present ? null : renamed;
    }

    private static string Sample(IMovieCatalog catalog)
    {
        var builder = new StringBuilder();
        foreach (var movie in catalog.Movies.OrderBy(m => m.Id).Take(SampleSize))
        {
            builder.Append(movie.Id).Append('\t').Append(movie.DisplayTitle.Replace('\n', ' ')).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Returns the title's letters and digits in lower case, so punctuation edits between releases do not count.</summary>
    private static string Normalise(string title) =>
        string.Concat(title.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
