using ChatBot.Core.Movies;

namespace ChatBot.Core.People;

/// <summary>People's ratings and marks. A rating is durable once a write method returns.</summary>
public interface IRatingStore
{
    /// <summary>Stores a rating, replacing the person's earlier rating of the movie.</summary>
    /// <returns>The rating it replaced, or null.</returns>
    UserRating? Upsert(long personId, int movieId, Stars stars, DateTimeOffset ratedAt);

    /// <summary>Removes a rating; returns the removed rating, or null when there was none.</summary>
    UserRating? Remove(long personId, int movieId);

    /// <summary>Returns the person's ratings, newest first.</summary>
    IReadOnlyList<UserRating> GetRatings(long personId);

    UserRating? GetRating(long personId, int movieId);

    /// <summary>Returns every stored rating of every person, for training.</summary>
    IReadOnlyList<UserRating> GetAllRatings();

    void Mark(long personId, int movieId, MovieMarkKind kind, DateTimeOffset markedAt);

    IReadOnlyList<MovieMark> GetMarks(long personId);

    /// <summary>Gets a counter that grows by one with every stored change to any rating.</summary>
    long ChangeCount { get; }

    RatingStatistics GetStatistics();
}

public sealed record RatingStatistics(int Ratings, int PeopleWithRatings, IReadOnlyDictionary<string, int> RatingsPerPlatform);
