using System.Globalization;
using System.Text;
using ChatBot.Catalog;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>
/// A small title index over the real ml-latest-small catalog for autocomplete tests: a suggestion is a movie
/// whose title (or a word of it) starts with the typed text, best-known movies first.
/// </summary>
public sealed class CatalogTitleIndex : ITitleIndex
{
    private static readonly Lazy<CatalogTitleIndex> SharedIndex = new(() => new CatalogTitleIndex(
        new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog));

    private readonly MovieCatalog _catalog;
    private readonly List<(Movie Movie, string Key)> _keys;

    public CatalogTitleIndex(MovieCatalog catalog)
    {
        _catalog = catalog;
        _keys = catalog.Movies
            .SelectMany(movie => new[] { movie.Title }.Concat(movie.AlternateTitles).Select(title => (movie, Normalize(title))))
            .ToList();
    }

    /// <summary>Gets the index over ml-latest-small, loaded once per test run.</summary>
    public static CatalogTitleIndex Shared => SharedIndex.Value;

    public MovieCatalog Catalog => _catalog;

    public IReadOnlyList<TitleCandidate> Suggest(string partialTitle, int maxSuggestions)
    {
        var query = Normalize(partialTitle);
        return _keys
            .Where(entry => query.Length == 0 || entry.Key.StartsWith(query, StringComparison.Ordinal) || entry.Key.Contains(" " + query, StringComparison.Ordinal))
            .Select(entry => entry.Movie)
            .Distinct()
            .OrderByDescending(movie => _catalog.RatingCount(movie.Id))
            .ThenBy(movie => movie.Id)
            .Take(maxSuggestions)
            .Select(movie => new TitleCandidate(movie, 1.0, movie.Title))
            .ToList();
    }

    public TitleLookup Lookup(string query, int maxCandidates = 5) =>
        new(query, TitleMatchStatus.None, Suggest(query, maxCandidates));

    public IReadOnlyList<TitleMention> ExtractMentions(string text) => [];

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
