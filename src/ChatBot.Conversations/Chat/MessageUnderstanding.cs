using ChatBot.Conversations.Parsing;
using ChatBot.Core.Titles;

namespace ChatBot.Conversations.Chat;

/// <summary>What a free-text message asks for.</summary>
public enum MessageIntent
{
    /// <summary>A request for movies ("something funny from the 80s", "like Heat?").</summary>
    Recommend = 0,

    /// <summary>A factual question about one movie ("who directed Heat?").</summary>
    MovieQuestion = 1,

    /// <summary>Only opinions about movies ("I loved Heat"), no request.</summary>
    Opinion = 2,

    /// <summary>A greeting or thanks.</summary>
    SmallTalk = 3,

    /// <summary>Nothing the bot recognises.</summary>
    Unknown = 4,
}

/// <summary>The kinds of movie questions the bot recognises; it answers only from the catalog's own facts.</summary>
public enum MovieQuestionKind
{
    None = 0,
    Year = 1,
    Genre = 2,
    Other = 3,
}

/// <summary>A movie the person stated an opinion about, with the stars that opinion suggests.</summary>
public sealed record StatedOpinion(TitleMention Mention, int HalfStars);

/// <summary>The parts of a free-text message the chat pipeline acts on.</summary>
public sealed record MessageUnderstanding
{
    public MessageIntent Intent { get; init; } = MessageIntent.Unknown;

    /// <summary>Gets every catalog movie the message names.</summary>
    public IReadOnlyList<TitleMention> Mentions { get; init; } = [];

    /// <summary>Gets movies the person loved or hated, to offer saving as ratings.</summary>
    public IReadOnlyList<StatedOpinion> Opinions { get; init; } = [];

    /// <summary>Gets movies the result should resemble ("like Heat", "I loved Heat, what else?").</summary>
    public IReadOnlyList<int> LikeMovieIds { get; init; } = [];

    /// <summary>Gets movies the result must leave out ("not Tenet", everything mentioned).</summary>
    public IReadOnlyList<int> ExcludedMovieIds { get; init; } = [];

    public GenreRequest Genres { get; init; } = GenreRequest.None;

    public IReadOnlyList<string> ExcludedGenres { get; init; } = [];

    public int? YearFrom { get; init; }

    public int? YearTo { get; init; }

    /// <summary>Gets how many movies to recommend.</summary>
    public int RequestedCount { get; init; } = 3;

    public MovieQuestionKind Question { get; init; }
}
