namespace ChatBot.Core.Recommendations;

/// <summary>A person's stars for one movie, as recommenders read them.</summary>
public readonly record struct MovieRating(int MovieId, double Stars);

/// <summary>What to recommend: the person's ratings plus the request's filters.</summary>
public sealed record RecommendationQuery
{
    /// <summary>Gets the person's ratings; rated movies are never recommended.</summary>
    public IReadOnlyList<MovieRating> Ratings { get; init; } = [];

    /// <summary>Gets how many movies to return.</summary>
    public int Count { get; init; } = 10;

    /// <summary>Gets genres a movie must all have ("Romance" and "Comedy" for a romantic comedy).</summary>
    public IReadOnlyList<string> RequiredGenres { get; init; } = [];

    /// <summary>Gets genres of which a movie must have at least one; empty for no such filter.</summary>
    public IReadOnlyList<string> AnyGenres { get; init; } = [];

    /// <summary>Gets genres a movie must not have.</summary>
    public IReadOnlyList<string> ExcludedGenres { get; init; } = [];

    /// <summary>Gets the earliest release year, inclusive.</summary>
    public int? YearFrom { get; init; }

    /// <summary>Gets the latest release year, inclusive.</summary>
    public int? YearTo { get; init; }

    /// <summary>Gets movies that must not be returned (marked, recently recommended, mentioned).</summary>
    public IReadOnlySet<int> Exclude { get; init; } = new HashSet<int>();

    /// <summary>Gets movies the result should resemble ("something like Heat"), in addition to the ratings.</summary>
    public IReadOnlyList<int> LikeMovieIds { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether results carry <see cref="Recommendation.PredictedStars"/>. Default: true.
    /// Predicting stars folds the person into the rating model, which costs time that callers who only rank can save.
    /// </summary>
    public bool IncludePredictedStars { get; init; } = true;

    /// <summary>Returns whether a movie passes the genre and year filters (ratings and <see cref="Exclude"/> are not checked).</summary>
    public bool Accepts(Movies.Movie movie)
    {
        ArgumentNullException.ThrowIfNull(movie);

        // Plain loops: this runs for thousands of movies per query.
        for (var i = 0; i < RequiredGenres.Count; i++)
        {
            if (!movie.HasGenre(RequiredGenres[i]))
            {
                return false;
            }
        }

        if (AnyGenres.Count > 0)
        {
            var any = false;
            for (var i = 0; i < AnyGenres.Count && !any; i++)
            {
                any = movie.HasGenre(AnyGenres[i]);
            }

            if (!any)
            {
                return false;
            }
        }

        for (var i = 0; i < ExcludedGenres.Count; i++)
        {
            if (movie.HasGenre(ExcludedGenres[i]))
            {
                return false;
            }
        }

        if (YearFrom is { } from && (movie.Year is null || movie.Year < from))
        {
            return false;
        }

        return YearTo is not { } to || (movie.Year is not null && movie.Year <= to);
    }
}

/// <summary>A recommended movie with its score and the rating that best explains it.</summary>
/// <param name="Score">The recommender's score; higher is better, comparable only within one result.</param>
/// <param name="BecauseMovieId">The person's rated (or liked) movie that most supports this one, or null.</param>
/// <param name="BecauseStars">The stars the person gave <paramref name="BecauseMovieId"/>, or null.</param>
public sealed record Recommendation(int MovieId, double Score, int? BecauseMovieId = null, double? BecauseStars = null)
{
    /// <summary>Gets the stars the person is predicted to give the movie, when the recommender predicts ratings.</summary>
    public double? PredictedStars { get; init; }
}

/// <summary>Recommends catalog movies for a person.</summary>
public interface IRecommender
{
    /// <summary>Gets a short name for logs and metrics ("popularity", "mf").</summary>
    string Name { get; }

    /// <summary>Returns the top movies for the query, best first, none rated or excluded.</summary>
    IReadOnlyList<Recommendation> Recommend(RecommendationQuery query);

    /// <summary>Returns the movies most similar to one movie, best first.</summary>
    IReadOnlyList<Recommendation> Similar(int movieId, int count, IReadOnlySet<int>? exclude = null);

    /// <summary>Scores the given movies for a person on the same scale as <see cref="Recommend"/>; unknown movies are left out.</summary>
    IReadOnlyDictionary<int, double> Score(IReadOnlyList<MovieRating> ratings, IReadOnlyCollection<int> movieIds);

    /// <summary>
    /// Writes the score of <c>movieIds[i]</c> to <c>scores[i]</c>, on the scale of <see cref="Score"/>, and NaN for a
    /// movie the recommender does not score. Callers that score the whole catalog per message should pass the same
    /// array every time, because implementations may cache the lookups they derive from it.
    /// </summary>
    void ScoreInto(IReadOnlyList<MovieRating> ratings, int[] movieIds, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(movieIds);
        var byMovie = Score(ratings, movieIds);
        for (var i = 0; i < movieIds.Length; i++)
        {
            scores[i] = byMovie.TryGetValue(movieIds[i], out var score) ? (float)score : float.NaN;
        }
    }
}
