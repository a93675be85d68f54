using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Extensions;

namespace ChatBot.Channels.Telegram.Rendering;

/// <summary>
/// Renders a <see cref="Reply"/> as Telegram messages: HTML parse mode with every piece of user and
/// catalog text escaped, split at line boundaries into messages of at most 4,096 characters, and the
/// buttons as an inline keyboard on the last message.
/// </summary>
internal sealed class ReplyRenderer(ILogger<ReplyRenderer> logger)
{
    /// <summary>Telegram's maximum message length in characters (UTF-16 code units).</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>The most buttons one inline keyboard carries; further buttons are left out.</summary>
    public const int MaxButtons = 100;

    private const int ShortLabelLength = 4;

    public IReadOnlyList<OutgoingMessage> Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = new List<RenderedLine>();
        foreach (var line in SplitLines(reply.Text))
        {
            lines.Add(RenderedLine.FromPlain(line));
        }

        if (reply.Movies.Count > 0)
        {
            if (lines.Count > 0)
            {
                lines.Add(RenderedLine.Empty);
            }

            for (var i = 0; i < reply.Movies.Count; i++)
            {
                AddMovieLines(lines, i + 1, reply.Movies[i]);
            }
        }

        var keyboard = BuildKeyboard(reply);
        var chunks = Pack(lines);
        if (chunks.Count == 0)
        {
            if (keyboard.Count == 0)
            {
                return [];
            }

            // Telegram rejects an empty message, and buttons need a message to sit on.
            chunks.Add(RenderedLine.FromPlain("…"));
        }

        var messages = new List<OutgoingMessage>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var isLast = i == chunks.Count - 1;
            messages.Add(new OutgoingMessage(chunks[i].Html, chunks[i].Plain, isLast ? keyboard : []));
        }

        return messages;
    }

    /// <summary>Returns whether a payload can travel as callback_data: 1 to 64 UTF-8 bytes.</summary>
    internal static bool IsValidCallbackData([NotNullWhen(true)] string? payload) =>
        !string.IsNullOrEmpty(payload) && Encoding.UTF8.GetByteCount(payload) <= ReplyAction.MaxPayloadBytes;

    private static IEnumerable<string> SplitLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    private static void AddMovieLines(List<RenderedLine> lines, int number, ReplyMovie movie)
    {
        var title = $"{number}. {movie.DisplayTitle}";
        var html = new StringBuilder("<b>").Append(HtmlText.Escape(title)).Append("</b>");
        var plain = new StringBuilder(title);
        if (movie.Genres.Count > 0)
        {
            var genres = string.Join(", ", movie.Genres);
            html.Append(" · <i>").Append(HtmlText.Escape(genres)).Append("</i>");
            plain.Append(" · ").Append(genres);
        }

        lines.Add(new RenderedLine(html.ToString(), plain.ToString()));
        foreach (var extra in new[] { movie.Reason, movie.Detail })
        {
            if (!string.IsNullOrWhiteSpace(extra))
            {
                foreach (var line in SplitLines(extra))
                {
                    lines.Add(RenderedLine.FromPlain("    " + line));
                }
            }
        }
    }

    private List<IReadOnlyList<OutgoingButton>> BuildKeyboard(Reply reply)
    {
        var rows = new List<IReadOnlyList<OutgoingButton>>();
        var numbered = reply.Movies.Count > 1;
        for (var i = 0; i < reply.Movies.Count; i++)
        {
            var prefix = numbered ? (i + 1).ToString(CultureInfo.InvariantCulture) + " " : string.Empty;
            AddRows(rows, reply.Movies[i].Actions, prefix, shortPerRow: 5, longPerRow: 2);
        }

        AddRows(rows, reply.Actions, string.Empty, shortPerRow: 3, longPerRow: 1);

        var total = rows.Sum(row => row.Count);
        if (total <= MaxButtons)
        {
            return rows;
        }

        TelegramLog.ButtonsTruncated(logger, total, MaxButtons);
        var kept = new List<IReadOnlyList<OutgoingButton>>();
        var count = 0;
        foreach (var row in rows)
        {
            if (count + row.Count > MaxButtons)
            {
                break;
            }

            kept.Add(row);
            count += row.Count;
        }

        return kept;
    }

    /// <summary>
    /// Adds buttons in rows: short labels such as "★4" several to a row, longer ones fewer, so
    /// that labels stay readable on a phone.
    /// </summary>
    private void AddRows(List<IReadOnlyList<OutgoingButton>> rows, IReadOnlyList<ReplyAction> actions, string prefix, int shortPerRow, int longPerRow)
    {
        var current = new List<OutgoingButton>();
        var currentIsShort = true;
        foreach (var action in actions)
        {
            if (string.IsNullOrWhiteSpace(action.Label) || !IsValidCallbackData(action.Payload))
            {
                TelegramLog.ButtonDropped(logger, action.Label, Encoding.UTF8.GetByteCount(action.Payload));
                continue;
            }

            var isShort = action.Label.Length <= ShortLabelLength;
            var perRow = isShort ? shortPerRow : longPerRow;
            if (current.Count > 0 && (isShort != currentIsShort || current.Count >= perRow))
            {
                rows.Add(current);
                current = [];
            }

            currentIsShort = isShort;
            current.Add(new OutgoingButton(prefix + action.Label, action.Payload));
        }

        if (current.Count > 0)
        {
            rows.Add(current);
        }
    }

    /// <summary>Packs lines into as few messages as fit, breaking only between lines (or inside an over-long line).</summary>
    private static List<RenderedLine> Pack(List<RenderedLine> lines)
    {
        var chunks = new List<RenderedLine>();
        var html = new StringBuilder();
        var plain = new StringBuilder();

        void Flush()
        {
            var chunk = new RenderedLine(html.ToString().Trim('\n'), plain.ToString().Trim('\n'));
            if (!string.IsNullOrWhiteSpace(chunk.Plain))
            {
                chunks.Add(chunk);
            }

            html.Clear();
            plain.Clear();
        }

        foreach (var line in lines.SelectMany(BreakLongLine))
        {
            var separator = html.Length > 0 ? 1 : 0;
            if (html.Length + separator + line.Html.Length > MaxMessageLength)
            {
                Flush();
                separator = 0;
            }

            if (separator == 1)
            {
                html.Append('\n');
                plain.Append('\n');
            }

            html.Append(line.Html);
            plain.Append(line.Plain);
        }

        Flush();
        return chunks;
    }

    /// <summary>
    /// Splits a line whose HTML exceeds one message into escaped plain pieces, preferring whitespace
    /// and never cutting an escape sequence or a surrogate pair.
    /// </summary>
    private static IEnumerable<RenderedLine> BreakLongLine(RenderedLine line)
    {
        if (line.Html.Length <= MaxMessageLength)
        {
            yield return line;
            yield break;
        }

        var text = line.Plain;
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var escapedLength = 0;
            var lastSpace = -1;
            while (end < text.Length)
            {
                var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
                var escapedWidth = HtmlText.Escape(text.Substring(end, width)).Length;
                if (escapedLength + escapedWidth > MaxMessageLength)
                {
                    break;
                }

                if (char.IsWhiteSpace(text[end]))
                {
                    lastSpace = end;
                }

                escapedLength += escapedWidth;
                end += width;
            }

            if (end < text.Length && lastSpace > start)
            {
                end = lastSpace + 1;
            }

            yield return RenderedLine.FromPlain(text[start..end]);
            start = end;
        }
    }

    private sealed record RenderedLine(string Html, string Plain)
    {
        public static readonly RenderedLine Empty = new(string.Empty, string.Empty);

        public static RenderedLine FromPlain(string text) => new(HtmlText.Escape(text), text);
    }
}
