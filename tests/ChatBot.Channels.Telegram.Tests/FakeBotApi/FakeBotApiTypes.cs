using System.Text.Json.Nodes;

namespace ChatBot.Channels.Telegram.Tests.FakeBotApi;

/// <summary>A simulated Telegram user; the private chat with the bot has the user's id.</summary>
public sealed record TestUser(long Id, string FirstName, string? LanguageCode = "en", string? Username = null);

/// <summary>A group chat the simulated users write in; Telegram gives groups negative ids.</summary>
public sealed record TestGroup(long Id, string Title);

/// <summary>A message the bot sent, as the fake server stored it.</summary>
/// <param name="Text">The visible text after HTML parsing.</param>
/// <param name="RawText">The text parameter exactly as sent.</param>
public sealed record SentMessage(
    long ChatId,
    int MessageId,
    string Text,
    string RawText,
    string? ParseMode,
    IReadOnlyList<IReadOnlyList<SentButton>> Keyboard,
    DateTimeOffset At)
{
    public IEnumerable<SentButton> Buttons => Keyboard.SelectMany(row => row);
}

public sealed record SentButton(string Text, string CallbackData);

/// <summary>One Bot API call the fake server received, with its parameters and the HTTP status it answered.</summary>
public sealed record RecordedCall(string Method, JsonObject Parameters, DateTimeOffset At, int StatusCode);

/// <summary>The answer the bot gave to a button press.</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, DateTimeOffset At);

/// <summary>An error the fake server returns instead of handling a call.</summary>
internal sealed class InjectedFault
{
    public required string Method { get; init; }

    public required int ErrorCode { get; init; }

    public required string Description { get; init; }

    public int? RetryAfter { get; init; }

    public long? MigrateToChatId { get; init; }

    public Func<JsonObject, bool>? When { get; init; }

    public int Remaining { get; set; }
}
