namespace ChatBot.Core.People;

/// <summary>What a person said about a movie without rating it.</summary>
public enum MovieMarkKind
{
    /// <summary>The person has seen the movie but gave no stars.</summary>
    Seen = 1,

    /// <summary>The person does not want the movie recommended.</summary>
    NotInterested = 2,
}

/// <summary>A "seen it" or "not interested" mark; marked movies are never recommended to the person.</summary>
public sealed record MovieMark(long PersonId, int MovieId, MovieMarkKind Kind, DateTimeOffset MarkedAt);
