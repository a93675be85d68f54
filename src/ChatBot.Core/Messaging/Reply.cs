namespace ChatBot.Core.Messaging;

/// <summary>The conversation service's answer, which each channel renders in its own way.</summary>
public sealed record Reply
{
    /// <summary>
    /// Gets the reply text: plain text with line breaks, not yet escaped for any markup. When the reply
    /// lists movies, the list itself is in <see cref="Movies"/> and each channel renders it after this text.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>Gets the language the reply is written in ("en" or "zh").</summary>
    public string Language { get; init; } = "en";

    /// <summary>Gets the movies the reply recommends or lists, in order, with their buttons.</summary>
    public IReadOnlyList<ReplyMovie> Movies { get; init; } = [];

    /// <summary>Gets text shown after the movie list ("Next page: /ratings 2"), or null.</summary>
    public string? Footer { get; init; }

    /// <summary>Gets buttons that belong to the reply as a whole (choices, confirmations).</summary>
    public IReadOnlyList<ReplyAction> Actions { get; init; } = [];

    /// <summary>Gets a value indicating whether only the person should see the reply (Discord ephemeral).</summary>
    public bool IsPrivate { get; init; }

    /// <summary>Gets the kind of reply, for metrics and channel rendering.</summary>
    public ReplyKind Kind { get; init; } = ReplyKind.Message;

    public static Reply Plain(string text, string language) => new() { Text = text, Language = language };
}

public enum ReplyKind
{
    Message = 0,
    Recommendations = 1,
    RatingList = 2,
    Question = 3,
    Error = 4,
}

/// <summary>A movie in a reply with the buttons that act on it.</summary>
/// <param name="Reason">A short localised reason ("because you rated Heat (1995) ★5"), or null.</param>
/// <param name="Detail">Extra localised text for the line (the person's stars in a rating list), or null.</param>
public sealed record ReplyMovie(
    int MovieId,
    string DisplayTitle,
    int? Year,
    IReadOnlyList<string> Genres,
    string? Reason,
    string? Detail,
    IReadOnlyList<ReplyAction> Actions);

/// <summary>A button. The payload is at most 64 UTF-8 bytes and comes back as <see cref="IncomingMessage.ActionPayload"/>.</summary>
/// <param name="Label">The localised button text ("★4", "Seen it").</param>
/// <param name="Payload">Opaque data that the conversation service validates when it comes back.</param>
public sealed record ReplyAction(string Label, string Payload)
{
    /// <summary>The maximum payload size in UTF-8 bytes (Telegram's callback_data limit).</summary>
    public const int MaxPayloadBytes = 64;
}

/// <summary>Handles channel-neutral messages; implemented by the conversation service.</summary>
public interface IConversationHandler
{
    Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken);
}
