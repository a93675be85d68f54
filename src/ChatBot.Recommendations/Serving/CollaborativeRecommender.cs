using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Popularity;
using ChatBot.Recommendations.Ranking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations.Serving;

/// <summary>
/// The recommender the host serves: collaborative filtering from the current trained model, with popularity
/// (damped mean) for people without ratings, when no model is loaded, and to fill lists the model cannot.
/// The model is swapped by replacing one reference, and every request reads that reference once, so each
/// result comes from one complete model even while a retrained one is being swapped in. Thread-safe.
/// </summary>
public sealed partial class CollaborativeRecommender : IRecommender
{
    private readonly IMovieCatalog _catalog;
    private readonly ILogger<CollaborativeRecommender> _logger;
    private readonly Lazy<PopularityRecommender> _popularity;
    private readonly double _popularityPenalty;
    private ServingModel? _current;

    public CollaborativeRecommender(IMovieCatalog catalog, IOptions<RecommenderOptions> options, ILogger<CollaborativeRecommender> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _logger = logger;
        var settings = options.Value;
        _popularityPenalty = settings.RankingModel.PopularityPenalty;
        _popularity = new Lazy<PopularityRecommender>(() => new PopularityRecommender(catalog, settings.Popularity));
    }

    /// <summary>Gets "collaborative" while a model is loaded, else "popularity".</summary>
    public string Name => Volatile.Read(ref _current) is null ? "popularity" : "collaborative";

    /// <summary>Gets the model being served, or null while only popularity is served.</summary>
    public RecommenderModel? Model => Volatile.Read(ref _current)?.Model;

    /// <summary>Raised after a model starts being served, on the thread that swapped it in.</summary>
    public event EventHandler<RecommenderModel>? ModelSwapped;

    /// <summary>Starts serving <paramref name="model"/>; requests already running finish with the model they started with.</summary>
    public void Swap(RecommenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var serving = new ServingModel(model, _catalog, _popularityPenalty);
        Volatile.Write(ref _current, serving);
        LogModelSwapped(_logger, model.Items.Count, model.RankingModel.ModelItems.Length, model.Info.TrainedAt);
        ModelSwapped?.Invoke(this, model);
    }

    public IReadOnlyList<Recommendation> Recommend(RecommendationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var serving = Volatile.Read(ref _current);
        if (serving is null || (query.Ratings.Count == 0 && query.LikeMovieIds.Count == 0))
        {
            return _popularity.Value.Recommend(query);
        }

        var results = serving.Recommend(query);
        if (results.Count >= query.Count)
        {
            return results;
        }

        // The model ranks only movies with enough ratings, and nothing for a person whose ratings are all low.
        // Popularity fills the rest of the list.
        var exclude = new HashSet<int>(query.Exclude);
        exclude.UnionWith(results.Select(r => r.MovieId));
        exclude.UnionWith(query.LikeMovieIds);
        var fill = _popularity.Value.Recommend(query with { Count = query.Count - results.Count, Exclude = exclude });
        return [.. results, .. fill];
    }

    public IReadOnlyList<Recommendation> Similar(int movieId, int count, IReadOnlySet<int>? exclude = null)
    {
        var serving = Volatile.Read(ref _current);
        if (serving?.Similar(movieId, count, exclude) is { Count: > 0 } similar)
        {
            return similar;
        }

        return _popularity.Value.Similar(movieId, count, exclude);
    }

    public IReadOnlyDictionary<int, double> Score(IReadOnlyList<MovieRating> ratings, IReadOnlyCollection<int> movieIds)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(movieIds);
        var serving = Volatile.Read(ref _current);
        return serving is null || ratings.Count == 0
            ? _popularity.Value.Score(ratings, movieIds)
            : serving.Score(ratings, movieIds);
    }

    public void ScoreInto(IReadOnlyList<MovieRating> ratings, int[] movieIds, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(movieIds);
        var serving = Volatile.Read(ref _current);
        if (serving is null || ratings.Count == 0)
        {
            ((IRecommender)_popularity.Value).ScoreInto(ratings, movieIds, scores);
            return;
        }

        serving.ScoreInto(ratings, movieIds, scores);
    }

    /// <summary>Returns the predicted stars for each movie the rating model covers, or an empty map without a model.</summary>
    public IReadOnlyDictionary<int, double> PredictStars(IReadOnlyList<MovieRating> ratings, IReadOnlyCollection<int> movieIds)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(movieIds);
        var serving = Volatile.Read(ref _current);
        return serving is null ? new Dictionary<int, double>() : serving.PredictStars(ratings, movieIds);
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Serving a recommender model of {Items} movies ({RankedItems} ranked) trained at {TrainedAt:u}.")]
    private static partial void LogModelSwapped(ILogger logger, int items, int rankedItems, DateTimeOffset trainedAt);
}
