using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Conversations.Parsing;

/// <summary>
/// Cleans text that people send before it is parsed, put into prompts or quoted back. Unicode is
/// normalised and control and bidirectional-override characters are removed. Mentions that could ping
/// a crowd (@everyone, @here, role and user mentions) are broken with a zero-width space. Channel
/// adapters still escape their own markup (HTML, Markdown) when they render.
/// </summary>
public static partial class UserText
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>Normalises to NFC, turns tabs and other whitespace into spaces, keeps line breaks, and drops control and bidi-override characters.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c is '\n')
            {
                builder.Append(c);
            }
            else if (c is '\r')
            {
                continue;
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else if (IsRemoved(c))
            {
                continue;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Breaks @everyone, @here and Discord's &lt;@id&gt;, &lt;@&amp;id&gt;, &lt;#id&gt; mention syntax so quoting it pings nobody.</summary>
    public static string NeutraliseMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var broken = CrowdMention().Replace(text, match => "@" + ZeroWidthSpace + match.Value[1..]);
        return DiscordMention().Replace(broken, match => "<" + ZeroWidthSpace + match.Value[1..]);
    }

    /// <summary>Prepares user text for quoting in a reply: cleaned, mentions neutralised, one line, at most <paramref name="maxLength"/> characters.</summary>
    public static string Quote(string? text, int maxLength = 80)
    {
        var cleaned = NeutraliseMentions(Clean(text)).Replace('\n', ' ');
        if (cleaned.Length <= maxLength)
        {
            return cleaned;
        }

        // Cut on a text-element boundary so an emoji or a combined character is never split.
        var enumerator = StringInfo.GetTextElementEnumerator(cleaned);
        var end = 0;
        while (enumerator.MoveNext() && enumerator.ElementIndex + enumerator.GetTextElement().Length <= maxLength - 1)
        {
            end = enumerator.ElementIndex + enumerator.GetTextElement().Length;
        }

        return cleaned[..end] + "…";
    }

    /// <summary>Replaces unpaired UTF-16 surrogates, which <see cref="string.Normalize()"/> rejects, with U+FFFD.</summary>
    private static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? text;
    }

    private static bool IsRemoved(char c)
    {
        if (char.GetUnicodeCategory(c) == UnicodeCategory.Control)
        {
            return true;
        }

        // Bidirectional embeddings, overrides and isolates can make quoted text display reversed.
        return c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\uFEFF';
    }

    [GeneratedRegex(@"@(everyone|here)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CrowdMention();

    [GeneratedRegex(@"<(@[!&]?|#)\d+>", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordMention();
}
