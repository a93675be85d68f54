using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;

namespace ChatBot.Recommendations.Popularity;

/// <summary>
/// Recommends the best-liked movies by damped mean (a Bayesian average): each movie's mean rating is
/// pulled towards the global mean as if it had <see cref="PopularityOptions.DampingRatings"/> extra
/// ratings at that mean, so a film with three 5-star ratings does not outrank one with three hundred 4.5s.
/// It needs no training, serves people with no ratings yet, and is the fallback of every other recommender.
/// </summary>
public sealed class PopularityRecommender : IRecommender
{
    private readonly IMovieCatalog _catalog;
    private readonly int[] _rankedMovieIds;
    private readonly Dictionary<int, double> _scores;

    public PopularityRecommender(IMovieCatalog catalog, PopularityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        options ??= new PopularityOptions();

        var ratings = catalog.Ratings;
        var sums = new Dictionary<int, (double Sum, int Count)>();
        double total = 0;
        for (var i = 0; i < ratings.Count; i++)
        {
            var (sum, count) = sums.GetValueOrDefault(ratings.MovieIds[i]);
            sums[ratings.MovieIds[i]] = (sum + ratings.Stars[i], count + 1);
            total += ratings.Stars[i];
        }

        GlobalMean = ratings.Count > 0 ? total / ratings.Count : 3.5;
        var damping = options.DampingRatings;
        _scores = new Dictionary<int, double>(catalog.Movies.Count);
        foreach (var movie in catalog.Movies)
        {
            var (sum, count) = sums.GetValueOrDefault(movie.Id);
            _scores[movie.Id] = (sum + (damping * GlobalMean)) / (count + damping);
        }

        _rankedMovieIds = [.. _scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key)];
    }

    public string Name => "popularity";

    /// <summary>Gets the mean of all catalog ratings, the prior every damped mean starts from.</summary>
    public double GlobalMean { get; }

    public IReadOnlyList<Recommendation> Recommend(RecommendationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rated = query.Ratings.Select(r => r.MovieId).ToHashSet();
        var filter = new MovieFilter(query);
        var result = new List<Recommendation>(query.Count);
        foreach (var movieId in _rankedMovieIds)
        {
            if (result.Count >= query.Count)
            {
                break;
            }

            if (rated.Contains(movieId) || query.Exclude.Contains(movieId))
            {
                continue;
            }

            if (_catalog.Find(movieId) is { } movie && filter.Accepts(movie))
            {
                result.Add(new Recommendation(movieId, _scores[movieId]));
            }
        }

        return result;
    }

    /// <summary>Returns popular movies that share the most genres with the given movie; a content fallback, not collaborative filtering.</summary>
    public IReadOnlyList<Recommendation> Similar(int movieId, int count, IReadOnlySet<int>? exclude = null)
    {
        if (_catalog.Find(movieId) is not { } source)
        {
            return [];
        }

        var genres = source.Genres.ToHashSet(StringComparer.Ordinal);
        return [.. _rankedMovieIds
            .Where(id => id != movieId && exclude?.Contains(id) != true)
            .Select(id => (Movie: _catalog.Find(id)!, Score: _scores[id]))
            .Select(x => (x.Movie, x.Score, Shared: x.Movie.Genres.Count(genres.Contains)))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared)
            .ThenByDescending(x => x.Score)
            .Take(count)
            .Select(x => new Recommendation(x.Movie.Id, x.Score))];
    }

    public IReadOnlyDictionary<int, double> Score(IReadOnlyList<MovieRating> ratings, IReadOnlyCollection<int> movieIds)
    {
        ArgumentNullException.ThrowIfNull(movieIds);
        var scores = new Dictionary<int, double>(movieIds.Count);
        foreach (var movieId in movieIds)
        {
            if (_scores.TryGetValue(movieId, out var score))
            {
                scores[movieId] = score;
            }
        }

        return scores;
    }
}
