using System.Text;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>Escapes plain text for Discord markdown and splits it within Discord's length limits.</summary>
internal static class DiscordMarkdown
{
    /// <summary>Characters that start formatting, mentions or links anywhere in a line.</summary>
    private const string InlineSpecials = "\\*_~`|<[]@";

    /// <summary>Characters that start a heading, quote or list at the beginning of a line.</summary>
    private const string LineStartSpecials = "#>-+";

    /// <summary>
    /// Escapes text so Discord shows it literally, without bold, code, spoilers, links, headings, quotes or lists.
    /// Mentions such as @everyone or &lt;@&amp;role&gt; appear as plain text.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                builder.Append(c);
                atLineStart = true;
                continue;
            }

            if (atLineStart)
            {
                if (c is ' ' or '\t')
                {
                    builder.Append(c);
                    continue;
                }

                atLineStart = false;
                if (LineStartSpecials.Contains(c, StringComparison.Ordinal))
                {
                    builder.Append('\\').Append(c);
                    continue;
                }

                if (char.IsAsciiDigit(c))
                {
                    // "1. text" starts a numbered list.
                    var end = i;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                    {
                        end++;
                    }

                    builder.Append(text, i, end - i);
                    if (end < text.Length && text[end] == '.')
                    {
                        builder.Append("\\.");
                        end++;
                    }

                    i = end - 1;
                    continue;
                }
            }

            if (InlineSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Splits text into parts of at most <paramref name="maxLength"/> characters, preferring line breaks, then
    /// spaces. No part ends inside a surrogate pair or between an escaping backslash and its character.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var parts = new List<string>();
        var position = 0;
        while (text.Length - position > maxLength)
        {
            var cut = FindCut(text, position, maxLength);
            parts.Add(text[position..(position + cut)].TrimEnd('\n', ' '));
            position += cut;
            while (position < text.Length && text[position] is '\n' or ' ')
            {
                position++;
            }
        }

        if (position < text.Length)
        {
            parts.Add(text[position..]);
        }

        return parts.Where(part => part.Length > 0).ToList();
    }

    /// <summary>Shortens text to at most <paramref name="maxLength"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = SafeCut(text, 0, maxLength - 1);
        return text[..cut] + "…";
    }

    private static int FindCut(string text, int start, int maxLength)
    {
        var window = text.AsSpan(start, maxLength);
        var newline = window.LastIndexOf('\n');
        if (newline >= maxLength / 2)
        {
            return newline + 1;
        }

        var space = window.LastIndexOf(' ');
        if (space >= maxLength / 2)
        {
            return space + 1;
        }

        return SafeCut(text, start, maxLength);
    }

    /// <summary>Moves a cut back so it splits neither a surrogate pair nor an escape sequence.</summary>
    private static int SafeCut(string text, int start, int length)
    {
        var cut = length;
        if (cut > 0 && char.IsHighSurrogate(text[start + cut - 1]))
        {
            cut--;
        }

        var backslashes = 0;
        while (backslashes < cut && text[start + cut - 1 - backslashes] == '\\')
        {
            backslashes++;
        }

        if (backslashes % 2 == 1)
        {
            cut--;
        }

        return cut;
    }
}
