using System.Text.RegularExpressions;
using ChatBot.Core.Messaging;

namespace ChatBot.Conversations.Parsing;

/// <summary>Recognises commands typed as text: "/rate the matrix 5", "/rate@MovieBot heat 4", "／help".</summary>
public static partial class CommandText
{
    public static bool TryParse(string text, out CommandInvocation command)
    {
        command = default!;
        var match = Command().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        command = new CommandInvocation(match.Groups["name"].Value.ToLowerInvariant(), match.Groups["arguments"].Value.Trim());
        return true;
    }

    [GeneratedRegex(@"^\s*[/／](?<name>[A-Za-z][A-Za-z0-9_]{0,31})(?:@[A-Za-z0-9_]+)?(?:\s+(?<arguments>[\s\S]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Command();
}

/// <summary>
/// Splits "/rate" arguments into the title and the stars: "the matrix 4.5", "rocky 2 4", "heat 4 stars",
/// "heat five stars", "\"Heat\" ★★★★". A number word counts as stars only before a star word, because
/// titles end with them too ("The Fantastic Four").
/// </summary>
public static class RateArguments
{
    private static readonly string[] StarWords = ["stars", "star", "星", "颗星"];

    /// <summary>Returns the title (possibly empty) and the stars text (null when there was a single token that is not a rating).</summary>
    public static (string Title, string? Stars) Split(string arguments)
    {
        var tokens = (arguments ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return (string.Empty, null);
        }

        // "heat 4 stars out of 5" is "heat 4/5".
        if (tokens.Length >= 4 && tokens[^3].Equals("out", StringComparison.OrdinalIgnoreCase) && tokens[^2].Equals("of", StringComparison.OrdinalIgnoreCase) && LooksNumeric(tokens[^1]))
        {
            var scale = tokens[^1];
            var rest = tokens[..^3];
            if (rest.Length >= 2 && StarWords.Contains(rest[^1], StringComparer.OrdinalIgnoreCase))
            {
                rest = rest[..^1];
            }

            tokens = [.. rest[..^1], rest[^1] + "/" + scale];
        }

        var starsTokens = 1;
        if (tokens.Length >= 2 && StarWords.Contains(tokens[^1], StringComparer.OrdinalIgnoreCase))
        {
            starsTokens = 2;

            // "four and a half stars"
            if (tokens.Length >= 5 && string.Join(' ', tokens[^4..^1]).Equals("and a half", StringComparison.OrdinalIgnoreCase))
            {
                starsTokens = 5;
            }
        }

        var candidate = tokens[^starsTokens];
        var wordBeforeStarWord = starsTokens > 1 && StarParser.IsNumberWord(candidate);
        if (!LooksNumeric(candidate) && !StarParser.LooksLikeRating(candidate) && !wordBeforeStarWord && !IsChineseStars(candidate))
        {
            // No rating at the end ("/rate the matrix"): the whole text is the title.
            return (TrimTitle(string.Join(' ', tokens)), null);
        }

        var title = string.Join(' ', tokens[..^starsTokens]);
        var stars = string.Join(' ', tokens[^starsTokens..]);
        return (TrimTitle(title), stars);
    }

    /// <summary>Removes quotes and a trailing separator: "\"Heat\" -" becomes "Heat".</summary>
    public static string TrimTitle(string title) =>
        (title ?? string.Empty).Trim().TrimEnd('-', ':', ',', '，', '：', '|').Trim().Trim('"', '\'', '“', '”', '《', '》', '「', '」').Trim();

    private static bool LooksNumeric(string token) => token.Any(char.IsDigit);

    /// <summary>"五星", "四颗星", "四星半": a Chinese number with the star word attached.</summary>
    private static bool IsChineseStars(string token) =>
        token.Contains('星', StringComparison.Ordinal) && StarParser.Parse(token).Value is not null;
}
