using System.Globalization;
using System.Text;
using ChatBot.Core.Messaging;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>
/// Button custom ids: "cb:{index}:{payload}". The index keeps ids unique within a message (Discord requires
/// that) and the payload is the conversation service's opaque <see cref="ReplyAction.Payload"/>.
/// </summary>
internal static class CustomIds
{
    /// <summary>Discord's maximum custom_id length in characters.</summary>
    public const int MaxLength = 100;

    public const int MaxIndex = 99;

    private const string Prefix = "cb:";

    /// <summary>Builds a custom id, or returns null when the payload breaks the <see cref="ReplyAction"/> contract.</summary>
    public static string? Encode(int index, string payload)
    {
        if (index is < 0 or > MaxIndex || !IsValidPayload(payload))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{index}:{payload}");
    }

    /// <summary>Reads a custom id that came back with a button press; anything not built by <see cref="Encode"/> fails.</summary>
    public static bool TryDecode(string? customId, out string payload)
    {
        payload = string.Empty;
        if (customId is null || customId.Length > MaxLength || !customId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = customId.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon is < 1 or > 2 || !IsDigits(rest[..colon]))
        {
            return false;
        }

        var candidate = rest[(colon + 1)..].ToString();
        if (!IsValidPayload(candidate))
        {
            return false;
        }

        payload = candidate;
        return true;
    }

    private static bool IsValidPayload(string payload) =>
        payload.Length > 0
        && Encoding.UTF8.GetByteCount(payload) <= ReplyAction.MaxPayloadBytes
        && !payload.Any(char.IsControl);

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
