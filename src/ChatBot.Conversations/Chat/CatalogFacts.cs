using ChatBot.Core.Movies;

namespace ChatBot.Conversations.Chat;

/// <summary>The facts the bot may state about a movie: its year, genres and MovieLens rating mean and count.</summary>
public sealed class CatalogFacts(IMovieCatalog catalog)
{
    private readonly Lazy<Dictionary<int, (double Sum, int Count)>> _ratings = new(() =>
    {
        var table = catalog.Ratings;
        var sums = new Dictionary<int, (double Sum, int Count)>();
        for (var i = 0; i < table.Count; i++)
        {
            var (sum, count) = sums.GetValueOrDefault(table.MovieIds[i]);
            sums[table.MovieIds[i]] = (sum + table.Stars[i], count + 1);
        }

        return sums;
    });

    private readonly Lazy<int> _latestYear = new(() => catalog.Movies.Select(m => m.Year ?? 0).DefaultIfEmpty(2020).Max());

    /// <summary>Gets the latest release year in the catalog, which "recent" counts back from.</summary>
    public int LatestYear => _latestYear.Value;

    /// <summary>Returns the mean public rating and the number of ratings, or null when the movie has none.</summary>
    public (double Mean, int Count)? Rating(int movieId) =>
        _ratings.Value.TryGetValue(movieId, out var value) && value.Count > 0 ? (value.Sum / value.Count, value.Count) : null;
}
