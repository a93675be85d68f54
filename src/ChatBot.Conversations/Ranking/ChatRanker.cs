using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Ranking;

/// <summary>
/// Ranks catalog movies for a chat message with a linear model over features of each movie (see
/// <see cref="RankingFeature"/>). The features cover collaborative scores from the person's ratings and from
/// the movies named in the conversation, popularity, release era, the genres and years requested earlier,
/// closeness to the named movies, the person's words against the movies' tags, and how often human
/// recommenders suggested the movie in training dialogues. The query's filters, its exclusions and the
/// person's rated movies are hard constraints, while the conversation's signals only move scores.
/// Uses the trained model file from the data folder when there is one, else <see cref="ChatRankerModel.BuiltIn"/>. Thread-safe.
/// </summary>
public sealed partial class ChatRanker
{
    /// <summary>The least genre cosine for a liked movie to be named as the reason for a recommendation.</summary>
    private const float ReasonMinSimilarity = 0.5f;

    private readonly IRecommender _recommender;
    private readonly IMovieCatalog _catalog;
    private readonly ChatRankerOptions _options;
    private readonly string _modelPath;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatRanker> _logger;
    private readonly Lazy<MovieTraits> _traits;
    private readonly Lock _reloadLock = new();
    private Loaded? _loaded;
    private long _nextCheck;

    public ChatRanker(
        IRecommender recommender,
        IMovieCatalog catalog,
        IOptions<ChatRankerOptions> options,
        IOptions<DataOptions> data,
        TimeProvider time,
        ILogger<ChatRanker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        _recommender = recommender;
        _catalog = catalog;
        _options = options.Value;
        _modelPath = data.Value.Resolve(_options.ModelFileName);
        _time = time;
        _logger = logger;
        _traits = new Lazy<MovieTraits>(() => new MovieTraits(catalog));
    }

    /// <summary>Gets the path of the trained model file, which may not exist.</summary>
    public string ModelPath => _modelPath;

    /// <summary>Gets the model in use: the trained file's when it exists and loads, else the built-in one.</summary>
    public ChatRankerModel Model => Current().Model;

    internal MovieTraits Traits => _traits.Value;

    /// <summary>Returns the best movies for the query and the conversation, best first; none rated, excluded or outside the query's filters.</summary>
    public IReadOnlyList<Recommendation> Recommend(RecommendationQuery query, ConversationSignals signals)
    {
        var loaded = Current();
        return Rank(query, signals, loaded.Model.Weights, loaded.Model.Dialogues, loaded.Prior);
    }

    /// <summary>Ranks with the given weights and dialogue statistics; the training verb uses this to measure candidate models.</summary>
    internal IReadOnlyList<Recommendation> Rank(RecommendationQuery query, ConversationSignals signals, float[] weights, DialogueStatistics dialogues, DialoguePriors prior)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(signals);
        var traits = Traits;
        var features = Features(query, signals, prior, dialogues);
        var allowed = Allowed(query);
        var scores = new float[traits.Count];
        Span<float> vector = stackalloc float[RankingFeatures.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            if (!allowed[i])
            {
                scores[i] = float.NegativeInfinity;
                continue;
            }

            features.Fill(i, vector);
            scores[i] = System.Numerics.Tensors.TensorPrimitives.Dot<float>(vector, weights);
        }

        var top = TopIndices(scores, query.Count);
        var liked = LikedSeeds(query, signals);
        return [.. top.Select(i => Explain(traits, i, scores[i], liked))];
    }

    /// <summary>Prepares the features of every catalog movie for a query.</summary>
    internal RankingFeatures Features(RecommendationQuery query, ConversationSignals signals, DialoguePriors prior, DialogueStatistics dialogues) =>
        new(Traits, _recommender, query, signals, prior, dialogues);

    /// <summary>Returns, per catalog index, whether the query allows the movie: not rated, liked, excluded, and within its genre and year filters.</summary>
    internal bool[] Allowed(RecommendationQuery query)
    {
        var traits = Traits;
        var rated = query.Ratings.Select(r => r.MovieId).ToHashSet();
        rated.UnionWith(query.LikeMovieIds);

        // Genre filters become bit tests when every named genre has a bit; otherwise each movie is checked by name.
        var asBits = traits.TryMaskOf(query.RequiredGenres, out var required)
            & traits.TryMaskOf(query.AnyGenres, out var any)
            & traits.TryMaskOf(query.ExcludedGenres, out var excluded);
        var movies = _catalog.Movies;
        var allowed = new bool[movies.Count];
        for (var i = 0; i < allowed.Length; i++)
        {
            var movieId = traits.MovieIds[i];
            if (rated.Contains(movieId) || query.Exclude.Contains(movieId))
            {
                continue;
            }

            allowed[i] = asBits ? Accepts(traits, i, required, any, excluded, query.YearFrom, query.YearTo) : query.Accepts(movies[i]);
        }

        return allowed;
    }

    /// <summary>Applies <see cref="RecommendationQuery.Accepts"/> to the movie at a catalog index, with genre bit sets.</summary>
    private static bool Accepts(MovieTraits traits, int index, ulong required, ulong any, ulong excluded, int? yearFrom, int? yearTo)
    {
        var mask = traits.GenreMasks[index];
        if ((mask & required) != required || (any != 0 && (mask & any) == 0) || (mask & excluded) != 0)
        {
            return false;
        }

        // A year of 0 is unknown, and a movie of unknown year passes no year filter.
        var year = traits.Years[index];
        if (yearFrom is { } from && (year == 0 || year < from))
        {
            return false;
        }

        return yearTo is not { } to || (year != 0 && year <= to);
    }

    /// <summary>Returns the indices of the <paramref name="count"/> highest finite scores, best first.</summary>
    internal static int[] TopIndices(float[] scores, int count)
    {
        var heap = new PriorityQueue<int, float>(count + 1);
        for (var i = 0; i < scores.Length; i++)
        {
            if (float.IsNegativeInfinity(scores[i]))
            {
                continue;
            }

            if (heap.Count < count)
            {
                heap.Enqueue(i, scores[i]);
            }
            else if (count > 0 && heap.TryPeek(out _, out var lowest) && scores[i] > lowest)
            {
                heap.DequeueEnqueue(i, scores[i]);
            }
        }

        var result = new int[heap.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            result[k] = heap.Dequeue();
        }

        return result;
    }

    /// <summary>Returns the movies that can explain a recommendation: well-rated ones (with stars) and liked ones.</summary>
    private static List<(int MovieId, double? Stars)> LikedSeeds(RecommendationQuery query, ConversationSignals signals) =>
        [.. query.Ratings.Where(r => r.Stars >= 4).OrderByDescending(r => r.Stars).Select(r => (r.MovieId, (double?)r.Stars))
            .Concat(query.LikeMovieIds.Select(id => (id, (double?)null)))
            .Concat(signals.Mentioned.Where(m => m.Opinion == MentionOpinion.Liked).Select(m => (m.MovieId, (double?)null)))
            .DistinctBy(seed => seed.Item1)];

    /// <summary>Names the liked movie whose genres are closest to the recommended one's as the reason, when one is close enough.</summary>
    private static Recommendation Explain(MovieTraits traits, int index, float score, List<(int MovieId, double? Stars)> liked)
    {
        var mask = traits.GenreMasks[index];
        (int MovieId, double? Stars)? best = null;
        var bestSimilarity = ReasonMinSimilarity;
        foreach (var seed in liked)
        {
            var seedIndex = traits.IndexOf(seed.MovieId);
            if (seedIndex < 0)
            {
                continue;
            }

            var shared = System.Numerics.BitOperations.PopCount(mask & traits.GenreMasks[seedIndex]);
            var similarity = shared * traits.GenreNorms[index] * traits.GenreNorms[seedIndex];
            if (similarity > bestSimilarity)
            {
                bestSimilarity = similarity;
                best = seed;
            }
        }

        return new Recommendation(traits.MovieIds[index], score, best?.MovieId, best?.Stars);
    }

    private Loaded Current()
    {
        var loaded = Volatile.Read(ref _loaded);
        var now = _time.GetTimestamp();
        if (loaded is not null && now < Volatile.Read(ref _nextCheck))
        {
            return loaded;
        }

        lock (_reloadLock)
        {
            if (_loaded is not null && now < _nextCheck)
            {
                return _loaded;
            }

            _nextCheck = now + (_options.ReloadCheckSeconds * _time.TimestampFrequency);
            var writtenAt = File.Exists(_modelPath) ? File.GetLastWriteTimeUtc(_modelPath) : (DateTime?)null;
            if (_loaded is not null && _loaded.WrittenAt == writtenAt)
            {
                return _loaded;
            }

            var model = ChatRankerModel.BuiltIn;
            if (writtenAt is not null)
            {
                try
                {
                    model = ChatRankerModel.Load(_modelPath);
                    LogModelLoaded(_logger, _modelPath, model.Dialogues.Dialogues, model.TrainedAt);
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    LogModelInvalid(_logger, exception, _modelPath);
                }
            }

            _loaded = new Loaded(model, RankingFeatures.PriorOf(Traits, model.Dialogues), writtenAt);
            return _loaded;
        }
    }

    private sealed record Loaded(ChatRankerModel Model, DialoguePriors Prior, DateTime? WrittenAt);

    [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "Loaded the chat ranker model {Path}, trained at {TrainedAt:u} on {Dialogues} dialogues.")]
    private static partial void LogModelLoaded(ILogger logger, string path, int dialogues, DateTimeOffset trainedAt);

    [LoggerMessage(EventId = 241, Level = LogLevel.Warning, Message = "Could not load the chat ranker model {Path}; ranking with the built-in weights. Run train-chat-ranker to replace it.")]
    private static partial void LogModelInvalid(ILogger logger, Exception exception, string path);
}
