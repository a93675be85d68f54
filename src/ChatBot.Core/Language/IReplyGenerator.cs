using ChatBot.Core.Conversations;

namespace ChatBot.Core.Language;

/// <summary>A movie the person rated, as a prompt shows it.</summary>
public sealed record RatedTitle(int MovieId, string DisplayTitle, double Stars);

/// <summary>A movie the recommender proposes for this reply.</summary>
/// <param name="Reason">A short reason in the reply's language, or null.</param>
public sealed record CandidateTitle(int MovieId, string DisplayTitle, IReadOnlyList<string> Genres, string? Reason);

/// <summary>Everything a reply generator may use to write one reply.</summary>
public sealed record ReplyGenerationRequest
{
    /// <summary>Gets the language to write in: "en" or "zh".</summary>
    public string Language { get; init; } = "en";

    /// <summary>Gets the person's message, with markup and mentions already neutralised.</summary>
    public required string UserMessage { get; init; }

    /// <summary>Gets earlier turns, oldest first; a generator drops the oldest first when its context is full.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>Gets the person's best-rated movies, best first.</summary>
    public IReadOnlyList<RatedTitle> Liked { get; init; } = [];

    /// <summary>Gets the person's worst-rated movies, worst first.</summary>
    public IReadOnlyList<RatedTitle> Disliked { get; init; } = [];

    /// <summary>Gets the recommender's candidates, best first.</summary>
    public IReadOnlyList<CandidateTitle> Candidates { get; init; } = [];

    /// <summary>Gets how many movies the reply should recommend.</summary>
    public int RequestedCount { get; init; } = 3;

    /// <summary>Gets a short description of the request in the reply's language ("comedies from the 1980s"), or null.</summary>
    public string? RequestSummary { get; init; }
}

/// <summary>Text written by a reply generator.</summary>
public sealed record GeneratedReply(string Text, string GeneratorName, TimeSpan Elapsed);

/// <summary>Writes the text of a reply: a local language model, a chat endpoint or templates.</summary>
public interface IReplyGenerator
{
    /// <summary>Gets a short name for logs and metrics ("gpt-local", "openai", "templates").</summary>
    string Name { get; }

    Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken);
}
