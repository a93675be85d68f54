namespace ChatBot.Core.Messaging;

/// <summary>
/// One event from a person, converted by a channel adapter into the channel-neutral form the
/// conversation service handles. Exactly one of text, command and action carries the content.
/// </summary>
public sealed record IncomingMessage
{
    /// <summary>Gets the platform name (see <see cref="People.Platforms"/>).</summary>
    public required string Platform { get; init; }

    /// <summary>Gets the platform's user id, exactly as the platform sends it.</summary>
    public required string PlatformUserId { get; init; }

    /// <summary>Gets the chat, channel or DM id the message came from; replies go back there.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the user's locale as the platform reports it ("en-US", "zh-CN", "zh-hans"), or null.</summary>
    public string? Locale { get; init; }

    /// <summary>Gets the free text of the message, or of the command line as typed.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets the command, when the platform delivered one or the text started with '/'.</summary>
    public CommandInvocation? Command { get; init; }

    /// <summary>Gets the payload of a pressed button, as the bot produced it in a <see cref="ReplyAction"/>.</summary>
    public string? ActionPayload { get; init; }

    /// <summary>Gets the platform's id of the message or interaction, for logs.</summary>
    public string? MessageId { get; init; }
}

/// <summary>A command with its arguments.</summary>
/// <param name="Name">The command name in lower case without '/' ("rate").</param>
/// <param name="Arguments">The text after the command name, trimmed.</param>
/// <param name="Options">Named arguments when the platform delivers them separately (Discord's "title" and "stars").</param>
public sealed record CommandInvocation(string Name, string Arguments, IReadOnlyDictionary<string, string>? Options = null)
{
    public string? GetOption(string name) =>
        Options is not null && Options.TryGetValue(name, out var value) ? value : null;
}
