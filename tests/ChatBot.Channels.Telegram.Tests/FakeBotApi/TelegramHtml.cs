using System.Globalization;
using System.Text;

namespace ChatBot.Channels.Telegram.Tests.FakeBotApi;

/// <summary>
/// Parses text in the Bot API's HTML parse mode the way the Bot API documents it: only the listed
/// tags, properly nested; '&lt;', '&gt;' and '&amp;' outside tags must be written as entities; the
/// entities &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric ones are decoded.
/// </summary>
internal static class TelegramHtml
{
    private static readonly HashSet<string> AllowedTags =
    [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
    ];

    /// <summary>Returns the visible text, or null with the error Telegram would report after "can't parse entities: ".</summary>
    public static string? Parse(string html, out string? error)
    {
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    error = $"Unclosed start tag at byte offset {ByteOffset(html, i)}";
                    return null;
                }

                var inner = html[(i + 1)..end];
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        error = $"Unexpected end tag at byte offset {ByteOffset(html, i)}";
                        return null;
                    }

                    open.Pop();
                }
                else
                {
                    var name = inner.Split(' ', 2)[0].ToLowerInvariant();
                    if (!AllowedTags.Contains(name))
                    {
                        error = $"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}";
                        return null;
                    }

                    open.Push(name);
                }

                i = end + 1;
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                if (end < 0 || end - i > 10 || !TryDecodeEntity(html[(i + 1)..end], out var decoded))
                {
                    error = $"Character '&' is reserved and must be escaped with the preceding '\\' or written as &amp; at byte offset {ByteOffset(html, i)}";
                    return null;
                }

                text.Append(decoded);
                i = end + 1;
            }
            else if (c == '>')
            {
                error = $"Character '>' is reserved and must be written as &gt; at byte offset {ByteOffset(html, i)}";
                return null;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        if (open.Count > 0)
        {
            error = $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
            return null;
        }

        error = null;
        return text.ToString();
    }

    private static bool TryDecodeEntity(string name, out string decoded)
    {
        decoded = name switch
        {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            _ => string.Empty,
        };
        if (decoded.Length > 0)
        {
            return true;
        }

        if (name.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            decoded = char.ConvertFromUtf32(hex);
            return true;
        }

        if (name.StartsWith('#') && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            decoded = char.ConvertFromUtf32(number);
            return true;
        }

        return false;
    }

    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}
