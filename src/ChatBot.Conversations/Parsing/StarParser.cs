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
/// Parses the ways people write a rating: "4", "4.5", "4,5", "4/5", "9/10", "★★★★", "★★★★½", "⭐⭐⭐".
/// A value between half-star steps is rejected, never rounded.
/// </summary>
public static class StarParser
{
    private const char BlackStar = '★';
    private const char WhiteStar = '☆';
    private const string StarEmoji = "⭐";
    private const char Half = '½';

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

    private static bool TryParseNumber(string text, out double value)
    {
        var normalized = text.Trim().Replace(',', '.');
        if (normalized.EndsWith(Half))
        {
            normalized = normalized[..^1] + ".5";
        }

        return double.TryParse(normalized, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static string StripStarWord(string text)
    {
        foreach (var suffix in new[] { "stars", "star", "颗星", "星", "分" })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return text[..^suffix.Length].Trim();
            }
        }

        return text;
    }
}
