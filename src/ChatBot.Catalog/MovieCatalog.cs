using ChatBot.Core.Movies;

namespace ChatBot.Catalog;

/// <summary>An in-memory catalog built by <see cref="MovieLens.MovieLensLoader"/>.</summary>
public sealed class MovieCatalog : IMovieCatalog
{
    private readonly Dictionary<int, Movie> _byId;
    private readonly Dictionary<int, int> _ratingCounts;

    public MovieCatalog(string name, IEnumerable<Movie> movies, RatingTable ratings)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(ratings);
        Name = name;
        Movies = [.. movies.OrderBy(m => m.Id)];
        _byId = Movies.ToDictionary(m => m.Id);
        Ratings = ratings;
        Genres = [.. Movies.SelectMany(m => m.Genres).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        _ratingCounts = new Dictionary<int, int>(Movies.Count);
        foreach (var movieId in ratings.MovieIds)
        {
            _ratingCounts[movieId] = _ratingCounts.GetValueOrDefault(movieId) + 1;
        }
    }

    public string Name { get; }

    public IReadOnlyList<Movie> Movies { get; }

    public IReadOnlyList<string> Genres { get; }

    public RatingTable Ratings { get; }

    public Movie? Find(int movieId) => _byId.GetValueOrDefault(movieId);

    public int RatingCount(int movieId) => _ratingCounts.GetValueOrDefault(movieId);
}
