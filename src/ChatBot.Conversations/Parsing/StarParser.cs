using System.Globalization;
using System.Text;
using ChatBot.Core.Movies;

namespace ChatBot.Conversations.Parsing;

/// <summary>Why a star value was rejected.</summary>
public enum StarParseError
{
    None = 0,

    /// <summary>The text is not a number, a fraction or star glyphs.</summary>
    NotARating = 1,

    /// <summary>The value is below 0.5 or above 5 stars.</summary>
    OutOfRange = 2,

    /// <summary>The value lies between half-star steps (4.3).</summary>
    NotAHalfStep = 3,
}

/// <summary>The outcome of parsing a star rating.</summary>
/// <param name="Value">The number as written (7 for "7", 4 for "4/5"), for error messages; null when it was not a number.</param>
public readonly record struct StarParseResult(Stars Stars, StarParseError Error, double? Value)
{
    public bool Success => Error == StarParseError.None;
}

/// <summary>
/// Parses the ways people write a rating: "4", "4.5", "4,5", "4/5", "9/10", "★★★★", "★★★★½", "⭐⭐⭐",
/// "five", "four and a half", "五星", "四星半". A value between half-star steps is rejected, never rounded.
/// </summary>
public static class StarParser
{
    private const char BlackStar = '★';
    private const char WhiteStar = '☆';
    private const string StarEmoji = "⭐";
    private const char Half = '½';

    /// <summary>Star counts written as words, English and Chinese; larger numbers are not ratings on a five-star scale.</summary>
    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["ten"] = 10,
        ["零"] = 0, ["一"] = 1, ["二"] = 2, ["两"] = 2, ["三"] = 3, ["四"] = 4, ["五"] = 5, ["六"] = 6, ["十"] = 10,
    };

    private static readonly string[] HalfSuffixes = [" and a half", "-and-a-half", " and half", "半"];

    public static StarParseResult Parse(string? text)
    {
        var trimmed = Clean(text);
        if (trimmed.Length == 0)
        {
            return new StarParseResult(default, StarParseError.NotARating, null);
        }

        if (TryParseGlyphs(trimmed, out var glyphValue))
        {
            return FromValue(glyphValue);
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            if (!TryParseNumber(trimmed[..slash], out var numerator) || !TryParseNumber(trimmed[(slash + 1)..], out var scale))
            {
                return new StarParseResult(default, StarParseError.NotARating, null);
            }

            // "4/5" is four stars, "8/10" four stars as well; other scales are not ratings.
            return scale switch
            {
                5 => FromValue(numerator),
                10 => FromValue(numerator / 2),
                _ => new StarParseResult(default, StarParseError.NotARating, numerator),
            };
        }

        var withoutStarWord = StripStarWord(trimmed);
        return TryParseNumber(withoutStarWord, out var value)
            ? FromValue(value)
            : new StarParseResult(default, StarParseError.NotARating, null);
    }

    /// <summary>Returns true when the token could only be meant as a rating (glyphs, a fraction, a decimal or "4 stars"), not as part of a title.</summary>
    public static bool LooksLikeRating(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var trimmed = Clean(token);
        return trimmed.Length > 0 && (TryParseGlyphs(trimmed, out _) || trimmed.Contains('/', StringComparison.Ordinal));
    }

    /// <summary>
    /// Trims, folds full-width forms ("４．５", "４／５") to ASCII and drops emoji variation selectors ("⭐️").
    /// Compatibility normalisation (FormKC) is not used because it would turn '½' into "1⁄2".
    /// </summary>
    private static string Clean(string? text)
    {
        var builder = new StringBuilder((text ?? string.Empty).Normalize(NormalizationForm.FormC));
        for (var i = 0; i < builder.Length; i++)
        {
            if (builder[i] is >= '\uFF01' and <= '\uFF5E')
            {
                builder[i] = (char)(builder[i] - 0xFEE0);
            }
        }

        return builder.Replace("\uFE0F", string.Empty).ToString().Trim();
    }

    private static StarParseResult FromValue(double value)
    {
        if (!double.IsFinite(value))
        {
            return new StarParseResult(default, StarParseError.NotARating, null);
        }

        if (value < 0.5 || value > 5)
        {
            return new StarParseResult(default, StarParseError.OutOfRange, value);
        }

        return Stars.TryFromValue(value, out var stars)
            ? new StarParseResult(stars, StarParseError.None, value)
            : new StarParseResult(default, StarParseError.NotAHalfStep, value);
    }

    private static bool TryParseGlyphs(string text, out double value)
    {
        value = 0;
        var rest = text.Replace(StarEmoji, BlackStar.ToString(), StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (rest.Length == 0 || rest.Any(c => c is not (BlackStar or WhiteStar or Half)) || !rest.Contains(BlackStar) && !rest.Contains(Half))
        {
            return false;
        }

        // Half may appear only once, after the full stars; empty stars only pad the end.
        var halfIndex = rest.IndexOf(Half, StringComparison.Ordinal);
        if (halfIndex >= 0 && (rest.LastIndexOf(Half) != halfIndex || rest[..halfIndex].Contains(WhiteStar) || rest[(halfIndex + 1)..].Contains(BlackStar)))
        {
            return false;
        }

        value = rest.Count(c => c == BlackStar) + (halfIndex >= 0 ? 0.5 : 0);
        return true;
    }

    /// <summary>Returns true for a star count written as a word ("four", "五"), which a title may end with as well.</summary>
    public static bool IsNumberWord(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TryParseWords(Clean(token), out _);
    }

    private static bool TryParseNumber(string text, out double value)
    {
        if (TryParseWords(text.Trim(), out value))
        {
            return true;
        }

        var normalized = text.Trim().Replace(',', '.');
        if (normalized.EndsWith(Half))
        {
            normalized = normalized[..^1] + ".5";
        }

        return double.TryParse(normalized, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads "four", "four and a half", "五", "四半" (after "星" was stripped from "四星半").</summary>
    private static bool TryParseWords(string text, out double value)
    {
        value = 0;
        var half = 0.0;
        foreach (var suffix in HalfSuffixes)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && text.Length > suffix.Length)
            {
                text = text[..^suffix.Length].Trim();
                half = 0.5;
                break;
            }
        }

        if (!NumberWords.TryGetValue(text, out var whole))
        {
            return false;
        }

        value = whole + half;
        return true;
    }

    private static string StripStarWord(string text)
    {
        // "四星半" and "四颗半星" put the half after or before the star word.
        text = text.Replace("星半", "半星", StringComparison.Ordinal).Replace("颗半星", "半星", StringComparison.Ordinal);
        foreach (var suffix in new[] { "stars", "star", "颗星", "半星", "星", "分" })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (text[..^suffix.Length] + (suffix == "半星" ? "半" : string.Empty)).Trim();
            }
        }

        return text;
    }
}
