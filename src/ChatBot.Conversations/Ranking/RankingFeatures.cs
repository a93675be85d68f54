using ChatBot.Core.Recommendations;

namespace ChatBot.Conversations.Ranking;

/// <summary>
/// The features of every catalog movie for one query, prepared once per query from the conversation's
/// signals, the collaborative recommender's scores and the dialogue model; <see cref="Fill"/> then writes
/// one movie's feature vector (in <see cref="RankingFeature"/> order).
/// </summary>
internal sealed class RankingFeatures
{
    public static readonly int Count = Enum.GetValues<RankingFeature>().Length;

    /// <summary>Stars a liked or merely named movie counts as when the collaborative recommender is asked for similar movies.</summary>
    private const double SeedStars = 5;

    /// <summary>How many of the person's latest messages <see cref="RankingFeature.GenreRecent"/> looks at.</summary>
    private const int RecentMessages = 3;

    /// <summary>The year distance, in years, at which the year similarity falls to 1/e.</summary>
    private const float YearScale = 10;

    private readonly MovieTraits _traits;
    private readonly float[]? _profile;
    private readonly float[]? _conversation;
    private readonly float[]? _last;
    private readonly DialoguePriors _prior;
    private readonly float[]? _followers;
    private readonly List<(ulong Required, ulong Any, int Parts)> _genreRequests = [];
    private readonly (ulong Required, ulong Any, int Parts)? _latestGenres;
    private readonly List<(ulong Required, ulong Any, int Parts)> _recentGenres = [];
    private readonly float[]? _likedGenres;
    private readonly float[]? _mentionedGenres;
    private readonly float[]? _lastGenres;
    private readonly float? _mentionedYear;
    private readonly float? _lastYear;
    private readonly (int From, int To)? _requestedYears;
    private readonly ulong _excludedGenres;
    private readonly float[]? _tagsAll;
    private readonly float[]? _tagsLatest;

    public RankingFeatures(MovieTraits traits, IRecommender recommender, RecommendationQuery query, ConversationSignals signals, DialoguePriors prior, DialogueStatistics dialogues)
    {
        _traits = traits;
        _prior = prior;
        var liked = query.LikeMovieIds
            .Concat(signals.Mentioned.Where(m => m.Opinion == MentionOpinion.Liked).Select(m => m.MovieId))
            .Concat(query.Ratings.Where(r => r.Stars >= 4).Select(r => r.MovieId))
            .Distinct()
            .ToList();
        var named = signals.Mentioned.Where(m => m.Opinion != MentionOpinion.Disliked).Select(m => m.MovieId).ToList();

        // Collaborative evidence: the person's whole profile, the conversation's movies, and the latest one.
        var profile = query.Ratings.Where(r => !query.LikeMovieIds.Contains(r.MovieId)).Concat(query.LikeMovieIds.Select(id => new MovieRating(id, SeedStars))).ToList();
        _profile = Collaborative(recommender, profile);
        _conversation = Collaborative(recommender, [.. named.Select(id => new MovieRating(id, SeedStars))]);
        _last = named.Count == 0 ? null : Collaborative(recommender, [new MovieRating(named[^1], SeedStars)]);

        if (dialogues.Dialogues > 0 && signals.Mentioned.Count > 0)
        {
            var followers = new float[traits.Count];
            foreach (var mention in signals.Mentioned)
            {
                dialogues.AddFollowers(mention.MovieId, (movieId, share) =>
                {
                    var index = traits.IndexOf(movieId);
                    if (index >= 0)
                    {
                        followers[index] += share;
                    }
                });
            }

            _followers = followers;
        }

        // Requested genres and years, from every message and from the latest ones.
        var requests = signals.Requests;
        for (var k = 0; k < requests.Count; k++)
        {
            var request = requests[k];
            _excludedGenres |= traits.MaskOf(request.ExcludedGenres);
            if (!request.HasGenres)
            {
                continue;
            }

            var genres = (traits.MaskOf(request.Genres.Required), traits.MaskOf(request.Genres.Any), request.Genres.Required.Count + (request.Genres.Any.Count > 0 ? 1 : 0));
            _genreRequests.Add(genres);
            _latestGenres = genres;
            if (k >= requests.Count - RecentMessages)
            {
                _recentGenres.Add(genres);
            }
        }

        if (requests.LastOrDefault(r => r.HasYears) is { } years)
        {
            _requestedYears = (years.YearFrom ?? 0, years.YearTo ?? int.MaxValue);
        }

        // Content profiles of the named movies.
        _likedGenres = MeanGenres(liked);
        _mentionedGenres = MeanGenres(signals.Mentioned.Select(m => m.MovieId));
        _lastGenres = named.Count == 0 ? null : MeanGenres([named[^1]]);
        _mentionedYear = MeanYear(signals.Mentioned.Select(m => m.MovieId));
        _lastYear = named.Count == 0 ? null : MeanYear([named[^1]]);

        // The person's own words against the movies' public tags.
        if (signals.Texts.Count > 0)
        {
            _tagsAll = traits.Tags.Score(signals.Texts, traits.Count);
            _tagsLatest = traits.Tags.Score([signals.Texts[^1]], traits.Count);
        }
    }

    /// <summary>Writes the features of the movie at catalog index <paramref name="index"/>.</summary>
    public void Fill(int index, Span<float> features)
    {
        var traits = _traits;
        var mask = traits.GenreMasks[index];
        var year = traits.Years[index];
        features[(int)RankingFeature.CollaborativeProfile] = _profile?[index] ?? 0;
        features[(int)RankingFeature.CollaborativeConversation] = _conversation?[index] ?? 0;
        features[(int)RankingFeature.CollaborativeLast] = _last?[index] ?? 0;
        features[(int)RankingFeature.LogRatings] = traits.LogRatings[index];
        features[(int)RankingFeature.LogRecentRatings] = traits.LogRecentRatings[index];
        features[(int)RankingFeature.DampedMean] = traits.DampedMeans[index];
        features[(int)RankingFeature.YearBefore1970] = year is > 0 and < 1970 ? 1 : 0;
        features[(int)RankingFeature.Year1970s] = year is >= 1970 and < 1980 ? 1 : 0;
        features[(int)RankingFeature.Year1980s] = year is >= 1980 and < 1990 ? 1 : 0;
        features[(int)RankingFeature.Year1990s] = year is >= 1990 and < 2000 ? 1 : 0;
        features[(int)RankingFeature.Year2000s] = year is >= 2000 and < 2010 ? 1 : 0;
        features[(int)RankingFeature.Year2010To2014] = year is >= 2010 and < 2015 ? 1 : 0;
        var recent = year >= 2015 ? 1f : 0f;
        features[(int)RankingFeature.Year2015On] = recent;

        var genreAll = 0f;
        if (_genreRequests.Count > 0)
        {
            foreach (var request in _genreRequests)
            {
                genreAll += GenreMatch(mask, request);
            }

            genreAll /= _genreRequests.Count;
        }

        var genreRecent = 0f;
        foreach (var request in _recentGenres)
        {
            genreRecent = Math.Max(genreRecent, GenreMatch(mask, request));
        }

        features[(int)RankingFeature.GenreAll] = genreAll;
        features[(int)RankingFeature.GenreLatest] = _latestGenres is { } latest ? GenreMatch(mask, latest) : 0;
        features[(int)RankingFeature.GenreRecent] = genreRecent;
        features[(int)RankingFeature.GenreSimilarityLiked] = GenreCosine(index, _likedGenres);
        features[(int)RankingFeature.GenreSimilarityMentioned] = GenreCosine(index, _mentionedGenres);
        features[(int)RankingFeature.GenreSimilarityLast] = GenreCosine(index, _lastGenres);
        features[(int)RankingFeature.YearSimilarityMentioned] = YearSimilarity(year, _mentionedYear);
        features[(int)RankingFeature.YearSimilarityLast] = YearSimilarity(year, _lastYear);
        features[(int)RankingFeature.YearRequested] = _requestedYears is { } range && year >= range.From && year <= range.To ? 1 : 0;
        features[(int)RankingFeature.ExcludedGenre] = (mask & _excludedGenres) != 0 ? 1 : 0;
        var prior = _prior.Suggested.Length == 0 ? 0 : _prior.Suggested[index];
        var mentions = _prior.Mentioned.Length == 0 ? 0 : _prior.Mentioned[index];
        features[(int)RankingFeature.DialoguePrior] = prior;
        features[(int)RankingFeature.DialogueFollowers] = _followers?[index] ?? 0;
        features[(int)RankingFeature.DialoguePriorTimesGenre] = prior * genreAll;
        features[(int)RankingFeature.LogRatingsTimesGenre] = traits.LogRatings[index] * genreAll;
        features[(int)RankingFeature.Year2015OnTimesGenre] = recent * genreAll;
        features[(int)RankingFeature.TagMatchAll] = _tagsAll?[index] ?? 0;
        features[(int)RankingFeature.TagMatchLatest] = _tagsLatest?[index] ?? 0;
        features[(int)RankingFeature.CommunityMentions] = mentions;
        features[(int)RankingFeature.CommunityMentionsTimesGenre] = mentions * genreAll;
    }

    /// <summary>Returns the prior features of every catalog movie for a dialogue model (an array is empty when the model lacks its counts).</summary>
    public static DialoguePriors PriorOf(MovieTraits traits, DialogueStatistics dialogues)
    {
        var suggested = dialogues.Dialogues == 0 ? [] : new float[traits.Count];
        var mentioned = dialogues.Mentions.Count == 0 ? [] : new float[traits.Count];
        for (var i = 0; i < suggested.Length; i++)
        {
            suggested[i] = dialogues.Prior(traits.MovieIds[i]);
        }

        for (var i = 0; i < mentioned.Length; i++)
        {
            mentioned[i] = dialogues.MentionPrior(traits.MovieIds[i]);
        }

        return new DialoguePriors(suggested, mentioned);
    }

    /// <summary>Returns the share of a request's genre parts (each required genre, and "any of" as one part) the movie has.</summary>
    private static float GenreMatch(ulong mask, (ulong Required, ulong Any, int Parts) request)
    {
        var met = System.Numerics.BitOperations.PopCount(mask & request.Required) + ((mask & request.Any) != 0 ? 1 : 0);
        return request.Parts == 0 ? 0 : (float)met / request.Parts;
    }

    private float GenreCosine(int index, float[]? profile)
    {
        if (profile is null)
        {
            return 0;
        }

        var mask = _traits.GenreMasks[index];
        var sum = 0f;
        while (mask != 0)
        {
            var bit = System.Numerics.BitOperations.TrailingZeroCount(mask);
            sum += profile[bit];
            mask &= mask - 1;
        }

        return sum * _traits.GenreNorms[index];
    }

    private static float YearSimilarity(int year, float? reference) =>
        reference is { } value && year > 0 ? MathF.Exp(-MathF.Abs(year - value) / YearScale) : 0;

    /// <summary>Returns the unit-length mean of the movies' unit-length genre vectors, or null when none has genres.</summary>
    private float[]? MeanGenres(IEnumerable<int> movieIds)
    {
        var sum = new float[64];
        var any = false;
        foreach (var movieId in movieIds)
        {
            var index = _traits.IndexOf(movieId);
            if (index < 0 || _traits.GenreMasks[index] == 0)
            {
                continue;
            }

            var mask = _traits.GenreMasks[index];
            while (mask != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(mask);
                sum[bit] += _traits.GenreNorms[index];
                mask &= mask - 1;
            }

            any = true;
        }

        if (!any)
        {
            return null;
        }

        var norm = MathF.Sqrt(sum.Sum(v => v * v));
        for (var bit = 0; bit < sum.Length; bit++)
        {
            sum[bit] /= norm;
        }

        return sum;
    }

    private float? MeanYear(IEnumerable<int> movieIds)
    {
        var years = movieIds.Select(_traits.IndexOf).Where(i => i >= 0 && _traits.Years[i] > 0).Select(i => _traits.Years[i]).ToList();
        return years.Count == 0 ? null : (float)years.Average();
    }

    /// <summary>Returns the collaborative recommender's scores for every catalog movie divided by the best positive one, or null without seeds or positive scores.</summary>
    private float[]? Collaborative(IRecommender recommender, IReadOnlyList<MovieRating> seeds)
    {
        if (seeds.Count == 0)
        {
            return null;
        }

        var scores = new float[_traits.Count];
        recommender.ScoreInto(seeds, _traits.MovieIds, scores);
        var best = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            // Unscored movies (NaN) and negative scores count as no evidence.
            if (!(scores[i] > 0))
            {
                scores[i] = 0;
            }

            best = Math.Max(best, scores[i]);
        }

        if (best <= 0)
        {
            return null;
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(scores, best, scores);
        return scores;
    }
}

/// <summary>Per catalog index: the suggestion prior and the mention prior of a dialogue model (empty arrays when it lacks them).</summary>
internal sealed record DialoguePriors(float[] Suggested, float[] Mentioned);
