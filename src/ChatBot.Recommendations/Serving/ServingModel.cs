using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Ranking;

namespace ChatBot.Recommendations.Serving;

/// <summary>One loaded <see cref="RecommenderModel"/> with the lookups that serving needs, all derived once at swap time.</summary>
internal sealed class ServingModel
{
    /// <summary>Ratings at or above this many stars can be named as the reason for a recommendation.</summary>
    private const float ReasonMinStars = 3.5f;

    /// <summary>The stars a "like this movie" request counts as.</summary>
    private const float LikeStars = 5f;

    /// <summary>
    /// The least stars that show what a person likes. Every rating adds positive weight to similar movies, so
    /// without at least one such rating (or a like) the list would be built from movies the person disliked.
    /// </summary>
    private const float LikedStars = 3f;

    private readonly IMovieCatalog _catalog;
    private readonly float[] _penaltyFactors;
    private readonly int[] _movieIdOfLocal;
    private LocalIndexCache? _lastLocalIndices;

    public ServingModel(RecommenderModel model, IMovieCatalog catalog, double popularityPenalty)
    {
        Model = model;
        _catalog = catalog;
        var ranking = model.RankingModel;
        _movieIdOfLocal = [.. ranking.ModelItems.Select(item => model.Items.MovieIds[item])];
        _penaltyFactors = [.. ranking.ModelItems.Select(item => PopularityPenalty.Apply(1f, ranking.ItemRatingCounts[item], popularityPenalty))];
    }

    public RecommenderModel Model { get; }

    public IReadOnlyList<Recommendation> Recommend(RecommendationQuery query)
    {
        var inputs = Inputs(query.Ratings, query.LikeMovieIds);
        if (!inputs.Any(input => input.Stars is null || input.Stars >= LikedStars))
        {
            return [];
        }

        var scores = RankScores(inputs);
        var rated = query.Ratings.Select(r => r.MovieId).ToHashSet();
        var liked = query.LikeMovieIds.ToHashSet();
        var filter = new MovieFilter(query);
        var top = TopK.Select(scores, query.Count, local =>
        {
            var movieId = _movieIdOfLocal[local];
            return !rated.Contains(movieId)
                && !liked.Contains(movieId)
                && !query.Exclude.Contains(movieId)
                && _catalog.Find(movieId) is { } movie
                && filter.Accepts(movie);
        });

        var rating = Model.RatingModel;
        var person = query.IncludePredictedStars
            ? rating.FoldIn(
                [.. query.Ratings.Select(r => Model.Items.IndexOf(r.MovieId))],
                [.. query.Ratings.Select(r => (float)r.Stars)])
            : null;
        var results = new List<Recommendation>(top.Length);
        foreach (var local in top)
        {
            var item = Model.RankingModel.ModelItems[local];
            var reason = Reason(inputs, local);
            results.Add(new Recommendation(_movieIdOfLocal[local], scores[local], reason?.MovieId, reason?.Stars)
            {
                PredictedStars = person is null ? null : rating.Predict(person, item),
            });
        }

        return results;
    }

    /// <summary>Returns the movies whose ranking-model weights from <paramref name="movieId"/> are highest, or an empty list when the model does not rank that movie.</summary>
    public IReadOnlyList<Recommendation> Similar(int movieId, int count, IReadOnlySet<int>? exclude)
    {
        var ranking = Model.RankingModel;
        var item = Model.Items.IndexOf(movieId);
        if (item < 0 || !ranking.Contains(item))
        {
            return [];
        }

        var row = ranking.Row(item);
        var scores = new float[row.Length];
        for (var local = 0; local < scores.Length; local++)
        {
            scores[local] = row[local] * _penaltyFactors[local];
        }

        var top = TopK.Select(scores, count, local =>
        {
            var candidate = _movieIdOfLocal[local];
            return candidate != movieId && exclude?.Contains(candidate) != true && _catalog.Find(candidate) is not null;
        });
        return [.. top.Select(local => new Recommendation(_movieIdOfLocal[local], scores[local], movieId))];
    }

    public IReadOnlyDictionary<int, double> Score(IReadOnlyList<MovieRating> ratings, IReadOnlyCollection<int> movieIds)
    {
        var inputs = Inputs(ratings, []);
        var scores = RankScores(inputs);
        var result = new Dictionary<int, double>(movieIds.Count);
        foreach (var movieId in movieIds)
        {
            var local = Model.RankingModel.LocalIndexOf(Model.Items.IndexOf(movieId));
            if (local >= 0)
            {
                result[movieId] = scores[local];
            }
        }

        return result;
    }

    /// <summary>Writes the ranking model's score of each movie to the same position, NaN for a movie it does not rank.</summary>
    public void ScoreInto(IReadOnlyList<MovieRating> ratings, int[] movieIds, Span<float> scores)
    {
        var modelScores = RankScores(Inputs(ratings, []));
        var locals = LocalIndices(movieIds);
        for (var i = 0; i < locals.Length; i++)
        {
            scores[i] = locals[i] >= 0 ? modelScores[locals[i]] : float.NaN;
        }
    }

    public IReadOnlyDictionary<int, double> PredictStars(IReadOnlyList<MovieRating> ratings, IReadOnlyCollection<int> movieIds)
    {
        var rating = Model.RatingModel;
        var person = rating.FoldIn(
            [.. ratings.Select(r => Model.Items.IndexOf(r.MovieId))],
            [.. ratings.Select(r => (float)r.Stars)]);
        var result = new Dictionary<int, double>(movieIds.Count);
        foreach (var movieId in movieIds)
        {
            var item = Model.Items.IndexOf(movieId);
            if (item >= 0)
            {
                result[movieId] = rating.Predict(person, item);
            }
        }

        return result;
    }

    /// <summary>Returns the ranking model's index of each movie (-1 when it does not rank it), cached for the last array.</summary>
    private int[] LocalIndices(int[] movieIds)
    {
        var cached = Volatile.Read(ref _lastLocalIndices);
        if (cached is not null && ReferenceEquals(cached.MovieIds, movieIds))
        {
            return cached.Locals;
        }

        var locals = new int[movieIds.Length];
        for (var i = 0; i < movieIds.Length; i++)
        {
            locals[i] = Model.RankingModel.LocalIndexOf(Model.Items.IndexOf(movieIds[i]));
        }

        Volatile.Write(ref _lastLocalIndices, new LocalIndexCache(movieIds, locals));
        return locals;
    }

    /// <summary>Returns the ranking model's scores (model order) for the inputs, after the popularity penalty.</summary>
    private float[] RankScores(List<Input> inputs)
    {
        var ranking = Model.RankingModel;
        var items = new int[inputs.Count];
        var weights = new float[inputs.Count];
        for (var k = 0; k < inputs.Count; k++)
        {
            items[k] = inputs[k].Item;
            weights[k] = inputs[k].Weight;
        }

        var scores = new float[ranking.ModelItems.Length];
        ranking.Score(items, weights, scores);
        for (var local = 0; local < scores.Length; local++)
        {
            // Positive scores shrink with popularity; negative ones are left alone so they stay below every positive one.
            if (scores[local] > 0)
            {
                scores[local] *= _penaltyFactors[local];
            }
        }

        return scores;
    }

    /// <summary>Returns the ranking model's input for each rated (or liked) movie that the model ranks.</summary>
    private List<Input> Inputs(IReadOnlyList<MovieRating> ratings, IReadOnlyList<int> likes)
    {
        var ranking = Model.RankingModel;
        var byMovie = new Dictionary<int, Input>();
        foreach (var rating in ratings)
        {
            var item = Model.Items.IndexOf(rating.MovieId);
            if (item >= 0 && ranking.Contains(item))
            {
                byMovie[rating.MovieId] = new Input(rating.MovieId, item, ranking.PreferenceWeight((float)rating.Stars), rating.Stars);
            }
        }

        foreach (var movieId in likes)
        {
            var item = Model.Items.IndexOf(movieId);
            var weight = ranking.PreferenceWeight(LikeStars);
            if (item >= 0 && ranking.Contains(item) && (!byMovie.TryGetValue(movieId, out var existing) || existing.Weight < weight))
            {
                byMovie[movieId] = new Input(movieId, item, weight, null);
            }
        }

        return [.. byMovie.Values];
    }

    /// <summary>Returns the well-rated (or liked) input that adds most to a model item's score, or null when none adds anything.</summary>
    private Input? Reason(List<Input> inputs, int local)
    {
        Input? best = null;
        var bestContribution = 0f;
        foreach (var input in inputs)
        {
            if (input.Stars is { } stars && stars < ReasonMinStars)
            {
                continue;
            }

            var contribution = input.Weight * Model.RankingModel.Row(input.Item)[local];
            if (contribution > bestContribution)
            {
                bestContribution = contribution;
                best = input;
            }
        }

        return best;
    }

    /// <param name="Stars">The person's stars, or null for a "like this movie" request.</param>
    private sealed record Input(int MovieId, int Item, float Weight, double? Stars);

    /// <summary>A movie-id array a caller scores repeatedly, with the ranking model's index of each of its movies.</summary>
    private sealed record LocalIndexCache(int[] MovieIds, int[] Locals);
}
