using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Catalog.Titles;

/// <summary>Finds a release year written after a title: "dune 2021", "Dune (1984)", "heat [1995]".</summary>
internal static partial class TitleYear
{
    /// <summary>The earliest year accepted; the oldest MovieLens films are from the 1870s.</summary>
    public const int Earliest = 1870;

    /// <summary>Gets the latest year accepted: a few years ahead, for announced films.</summary>
    public static int Latest { get; } = DateTime.UtcNow.Year + 3;

    public static bool IsPlausible(int year) => year >= Earliest && year <= Latest;

    /// <summary>
    /// Splits a trailing year from the title. Returns false when there is none or when nothing would be left,
    /// so "1917" and "2012" stay titles; numbers past <see cref="Latest"/> stay part of the title ("Blade Runner 2049").
    /// </summary>
    public static bool TrySplit(string query, out string title, out int year)
    {
        title = query;
        year = 0;
        var match = TrailingYear().Match(query);
        if (!match.Success)
        {
            return false;
        }

        var value = int.Parse(match.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        var rest = match.Groups["title"].Value;
        if (!IsPlausible(value) || !rest.Any(char.IsLetterOrDigit))
        {
            return false;
        }

        title = rest;
        year = value;
        return true;
    }

    [GeneratedRegex(@"^(?<title>.*?)[\s,]*[(\[]?\s*(?<year>\d{4})\s*[)\]]?[\s.!?]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingYear();
}
