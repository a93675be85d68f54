using ChatBot.Conversations.Parsing;

namespace ChatBot.Conversations.Ranking;

/// <summary>The person's opinion of a movie named in the conversation.</summary>
public enum MentionOpinion
{
    /// <summary>No opinion was stated, or the movie was only named.</summary>
    Unknown = 0,

    Liked = 1,

    Disliked = 2,
}

/// <summary>A movie named in the conversation (by either side), with the person's opinion of it.</summary>
public readonly record struct MentionedMovie(int MovieId, MentionOpinion Opinion);

/// <summary>What one of the person's messages asked for: genres (all of, any of, none of) and a year range.</summary>
public sealed record RequestedTraits(GenreRequest Genres, IReadOnlyList<string> ExcludedGenres, int? YearFrom, int? YearTo)
{
    public static RequestedTraits None { get; } = new(GenreRequest.None, [], null, null);

    /// <summary>Gets whether the message asked for any genre.</summary>
    public bool HasGenres => !Genres.IsEmpty;

    /// <summary>Gets whether the message asked for a year range.</summary>
    public bool HasYears => YearFrom is not null || YearTo is not null;
}

/// <summary>
/// The conversation's evidence for the ranker beyond the person's stored ratings: the movies named in it and
/// the request of each of the person's messages, both oldest first, the current message included. This
/// evidence is soft, so it raises or lowers scores but never removes a movie. The current message's explicit
/// request is applied as a hard filter through the <see cref="Core.Recommendations.RecommendationQuery"/>.
/// </summary>
public sealed record ConversationSignals
{
    public static ConversationSignals None { get; } = new();

    /// <summary>Gets the movies named in the conversation, oldest first, each once.</summary>
    public IReadOnlyList<MentionedMovie> Mentioned { get; init; } = [];

    /// <summary>Gets what each of the person's messages asked for, oldest first, one entry per message (<see cref="RequestedTraits.None"/> when it asked for nothing).</summary>
    public IReadOnlyList<RequestedTraits> Requests { get; init; } = [];

    /// <summary>Gets the text of each of the person's messages, oldest first and including the current one, with movie references removed where the source marks them.</summary>
    public IReadOnlyList<string> Texts { get; init; } = [];
}
