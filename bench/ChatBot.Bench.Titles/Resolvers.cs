using System.Text;
using ChatBot.Catalog.Titles;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;
using FuzzySharp;
using FuzzySharp.PreProcess;

namespace ChatBot.Bench.Titles;

/// <summary>A way of resolving a written title: the engine under test or a baseline.</summary>
public interface IResolver
{
    string Name { get; }

    /// <summary>Returns the status and the candidate movie ids, best first.</summary>
    (TitleMatchStatus Status, int[] MovieIds, double TopScore) Resolve(string query);
}

/// <summary>The title index under test.</summary>
public sealed class TitleIndexResolver(TitleIndex index) : IResolver
{
    public string Name => "TitleIndex";

    public (TitleMatchStatus, int[], double) Resolve(string query)
    {
        var lookup = index.Lookup(query);
        return (lookup.Status, [.. lookup.Candidates.Select(c => c.Movie.Id)], lookup.Candidates.Count > 0 ? lookup.Candidates[0].Score : 0);
    }
}

/// <summary>
/// Baseline: the query and every main title lower-cased, punctuation removed, a trailing year dropped from the
/// query; equal strings match. One equal title gives "match", several give "ambiguous" (most rated first), and no equal title gives "none".
/// </summary>
public sealed class ExactResolver : IResolver
{
    private readonly ILookup<string, Movie> _byKey;
    private readonly IMovieCatalog _catalog;

    public ExactResolver(IMovieCatalog catalog)
    {
        _catalog = catalog;
        _byKey = catalog.Movies.ToLookup(m => Normalise(m.Title));
    }

    public string Name => "Exact normalised";

    public (TitleMatchStatus, int[], double) Resolve(string query)
    {
        var key = Normalise(StripYear(query));
        var movies = _byKey[key].OrderByDescending(m => _catalog.RatingCount(m.Id)).Select(m => m.Id).ToArray();
        var status = movies.Length switch
        {
            0 => TitleMatchStatus.None,
            1 => TitleMatchStatus.Match,
            _ => TitleMatchStatus.Ambiguous,
        };
        return (status, movies, movies.Length > 0 ? 1.0 / movies.Length : 0);
    }

    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    public static string StripYear(string query)
    {
        var trimmed = query.TrimEnd(' ', ')', ']');
        if (trimmed.Length > 5 && trimmed[^4..].All(char.IsAsciiDigit) && trimmed[^5] is ' ' or '(' or '[')
        {
            var rest = trimmed[..^4].TrimEnd(' ', '(', '[');
            return rest.Length > 0 ? rest : query;
        }

        return query;
    }
}

/// <summary>
/// Baseline: FuzzySharp's token-set ratio (0 to 100) between the query and every main and alternate title. A best
/// score under 80 gives "none". Another movie within 2 points of the best gives "ambiguous", and otherwise the
/// result is "match". Ties go to the most rated movie.
/// </summary>
public sealed class FuzzySharpResolver : IResolver
{
    private const int NoneBelow = 80;
    private const int AmbiguityMargin = 2;

    private readonly (string Text, Movie Movie)[] _titles;
    private readonly IMovieCatalog _catalog;

    public FuzzySharpResolver(IMovieCatalog catalog)
    {
        _catalog = catalog;
        _titles =
        [
            .. catalog.Movies.SelectMany(m => m.AlternateTitles.Append(m.Title).Select(t => (ExactResolver.Normalise(t), m))),
        ];
    }

    public string Name => "FuzzySharp token-set";

    public (TitleMatchStatus, int[], double) Resolve(string query)
    {
        var text = ExactResolver.Normalise(query);
        var best = new Dictionary<int, int>();
        foreach (var (title, movie) in _titles)
        {
            var score = Fuzz.TokenSetRatio(text, title, PreprocessMode.None);
            if (score >= 50 && (!best.TryGetValue(movie.Id, out var current) || score > current))
            {
                best[movie.Id] = score;
            }
        }

        var ranked = best
            .OrderByDescending(p => p.Value)
            .ThenByDescending(p => _catalog.RatingCount(p.Key))
            .Take(5)
            .ToArray();
        if (ranked.Length == 0 || ranked[0].Value < NoneBelow)
        {
            return (TitleMatchStatus.None, [.. ranked.Select(p => p.Key)], ranked.Length > 0 ? ranked[0].Value / 100.0 : 0);
        }

        var status = ranked.Length > 1 && ranked[1].Value >= ranked[0].Value - AmbiguityMargin
            ? TitleMatchStatus.Ambiguous
            : TitleMatchStatus.Match;
        return (status, [.. ranked.Select(p => p.Key)], ranked[0].Value / 100.0);
    }
}
