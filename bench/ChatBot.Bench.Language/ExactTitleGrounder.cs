using System.Text.RegularExpressions;
using ChatBot.Core.Movies;

namespace ChatBot.Bench.Language;

/// <summary>A title the generated text names, found by its "(Year)", with the catalog movie it reconciles to, or null.</summary>
internal sealed record TitleClaim(string Text, Movie? Movie);

/// <summary>
/// Counts every "(YYYY)" in a reply as one named title and grounds it when the text just before it
/// is a catalog title (or alternate title) of that year, compared without case.
/// </summary>
internal sealed partial class ExactTitleGrounder
{
    private readonly Dictionary<int, List<(string Title, Movie Movie)>> _byYear = [];

    public ExactTitleGrounder(IMovieCatalog catalog)
    {
        foreach (var movie in catalog.Movies.Where(m => m.Year is not null))
        {
            if (!_byYear.TryGetValue(movie.Year!.Value, out var list))
            {
                _byYear[movie.Year.Value] = list = [];
            }

            list.Add((movie.Title, movie));
            list.AddRange(movie.AlternateTitles.Select(t => (t, movie)));
        }
    }

    public IReadOnlyList<TitleClaim> Claims(string text)
    {
        var claims = new List<TitleClaim>();
        foreach (Match match in Year().Matches(text))
        {
            var year = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var before = text[..match.Index].TrimEnd();
            var best = _byYear.GetValueOrDefault(year)?
                .Where(c => before.EndsWith(c.Title, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(c => c.Title.Length)
                .Select(c => c.Movie)
                .FirstOrDefault();
            var start = Math.Max(0, before.Length - 40);
            claims.Add(new TitleClaim(text[start..(match.Index + match.Length)], best));
        }

        return claims;
    }

    [GeneratedRegex(@"\((\d{4})\)")]
    private static partial Regex Year();
}
