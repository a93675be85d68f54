using System.Globalization;
using ChatBot.Core.Messaging;

namespace ChatBot.Conversations;

/// <summary>What a pressed button asks for.</summary>
public enum ActionKind
{
    /// <summary>Rate a listed movie: "r:MOVIE:HALFSTARS".</summary>
    Rate,

    /// <summary>Mark a movie as seen: "s:MOVIE".</summary>
    Seen,

    /// <summary>Mark a movie as not interesting: "n:MOVIE".</summary>
    NotInterested,

    /// <summary>Pick option N of the pending question: "c:N".</summary>
    Choose,

    /// <summary>Answer yes to the pending question: "y".</summary>
    Yes,

    /// <summary>Answer no to the pending question: "x".</summary>
    No,
}

/// <summary>A decoded button payload.</summary>
public readonly record struct ParsedAction(ActionKind Kind, int MovieId, int Value);

/// <summary>
/// Encodes button payloads in a compact text form that stays far below Telegram's 64-byte
/// callback_data limit and Discord's 100-character custom_id limit. Decoding is defensive, so a
/// payload that came back altered or from an old version is rejected, never thrown on.
/// </summary>
public static class ActionPayload
{
    public static string Rate(int movieId, int halfStars) => $"r:{movieId}:{halfStars}";

    public static string Seen(int movieId) => $"s:{movieId}";

    public static string NotInterested(int movieId) => $"n:{movieId}";

    public static string Choose(int index) => $"c:{index}";

    public const string Yes = "y";

    public const string No = "x";

    public static bool TryParse(string? payload, out ParsedAction action)
    {
        action = default;
        if (string.IsNullOrEmpty(payload) || System.Text.Encoding.UTF8.GetByteCount(payload) > ReplyAction.MaxPayloadBytes)
        {
            return false;
        }

        var parts = payload.Split(':');
        switch (parts[0])
        {
            case "y" when parts.Length == 1:
                action = new ParsedAction(ActionKind.Yes, 0, 0);
                return true;
            case "x" when parts.Length == 1:
                action = new ParsedAction(ActionKind.No, 0, 0);
                return true;
            case "r" when parts.Length == 3 && TryParsePositive(parts[1], out var movie) && TryParsePositive(parts[2], out var halfStars) && halfStars <= 10:
                action = new ParsedAction(ActionKind.Rate, movie, halfStars);
                return true;
            case "s" when parts.Length == 2 && TryParsePositive(parts[1], out var seen):
                action = new ParsedAction(ActionKind.Seen, seen, 0);
                return true;
            case "n" when parts.Length == 2 && TryParsePositive(parts[1], out var dismissed):
                action = new ParsedAction(ActionKind.NotInterested, dismissed, 0);
                return true;
            case "c" when parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < 100:
                action = new ParsedAction(ActionKind.Choose, 0, index);
                return true;
            default:
                return false;
        }
    }

    private static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
