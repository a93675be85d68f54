using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Catalog.MovieLens;

/// <summary>A MovieLens title split into its parts.</summary>
/// <param name="Title">The main title with a trailing article moved to the front.</param>
/// <param name="Year">The first release year, or null when the row has none.</param>
/// <param name="AlternateTitles">Titles from trailing parentheses: original-language titles and "a.k.a." titles.</param>
public sealed record MovieLensTitle(string Title, int? Year, IReadOnlyList<string> AlternateTitles)
{
    /// <summary>Gets the title as the bot shows it: "The Matrix (1999)".</summary>
    public string DisplayTitle => Year is { } year ? $"{Title} ({year})" : Title;
}

/// <summary>
/// Parses MovieLens titles such as "Matrix, The (1999)", "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"
/// and "Seven (a.k.a. Se7en) (1995)". MovieLens moves leading articles behind a comma, in English and in the
/// film's own language, and appends the original title and "a.k.a." titles in parentheses before the year.
/// </summary>
public static partial class MovieLensTitleParser
{
    /// <summary>Articles MovieLens moves to the end of a title, in the languages its catalog uses.</summary>
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal)
    {
        "The", "A", "An",
        "Le", "La", "Les", "L'", "Un", "Une",
        "Il", "Lo", "I", "Gli", "Uno", "Una",
        "El", "Los", "Las",
        "Der", "Die", "Das", "Den", "Ein", "Eine",
        "Det", "Ett", "En", "Et",
        "De", "Het", "O", "Os", "As", "Da",
    };

    /// <summary>Parses a raw MovieLens title; never throws, and returns the trimmed input as the title when nothing else fits.</summary>
    public static MovieLensTitle Parse(string rawTitle)
    {
        ArgumentNullException.ThrowIfNull(rawTitle);
        var text = CollapseWhitespace(rawTitle);

        int? year = null;
        var yearMatch = TrailingYear().Match(text);
        if (yearMatch.Success && yearMatch.Index > 0)
        {
            year = int.Parse(yearMatch.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
            text = text[..yearMatch.Index].TrimEnd();
        }

        var alternates = new List<string>();
        while (TrySplitTrailingGroup(text, out var main, out var group))
        {
            text = main;
            var alternate = AkaPrefix().Replace(group, string.Empty).Trim();
            if (alternate.Length > 0)
            {
                alternates.Insert(0, MoveArticleToFront(alternate));
            }
        }

        var title = MoveArticleToFront(text);
        if (title.Length == 0)
        {
            title = CollapseWhitespace(rawTitle);
        }

        return new MovieLensTitle(title, year, alternates);
    }

    /// <summary>Turns "Matrix, The" into "The Matrix", "Crow, The: Wicked Prayer" into "The Crow: Wicked Prayer" and "Avventura, L'" into "L'Avventura".</summary>
    public static string MoveArticleToFront(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var match = TrailingArticle().Match(title);
        if (!match.Success || !Articles.Contains(match.Groups["article"].Value))
        {
            return title;
        }

        var article = match.Groups["article"].Value;
        var separator = article.EndsWith('\'') ? string.Empty : " ";
        return article + separator + match.Groups["main"].Value + match.Groups["subtitle"].Value;
    }

    /// <summary>
    /// Splits "Main (Group)" into its parts when the text ends with a balanced parenthesised group
    /// that follows a non-empty main title. "(500) Days of Summer" does not end with a group and stays whole.
    /// </summary>
    private static bool TrySplitTrailingGroup(string text, out string main, out string group)
    {
        main = text;
        group = string.Empty;
        if (text.Length < 3 || text[^1] != ')')
        {
            return false;
        }

        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == ')')
            {
                depth++;
            }
            else if (text[i] == '(')
            {
                depth--;
                if (depth == 0)
                {
                    var before = text[..i].TrimEnd();
                    if (before.Length == 0 || i == 0 || text[i - 1] != ' ')
                    {
                        return false;
                    }

                    main = before;
                    group = text[(i + 1)..^1];
                    return true;
                }
            }
        }

        return false;
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>A year or year range at the end: "(1999)", "(2006–2007)", "(2006-)".</summary>
    [GeneratedRegex(@"\s*\((?<year>\d{4})(?:\s*[-–]\s*(?:\d{4})?\s*)?\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingYear();

    [GeneratedRegex(@"^a\.?\s?k\.?\s?a\.?\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AkaPrefix();

    /// <summary>"Main, Article" optionally followed by ": Subtitle".</summary>
    [GeneratedRegex(@"^(?<main>.+?), (?<article>[A-Z][a-z]{0,3}'?)(?<subtitle>:\s.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingArticle();
}
