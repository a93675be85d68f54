using ChatBot.Core.Movies;

namespace ChatBot.Core.People;

/// <summary>A person's rating of one catalog movie.</summary>
public sealed record UserRating(long PersonId, int MovieId, Stars Stars, DateTimeOffset RatedAt);
