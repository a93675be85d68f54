using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Movies;

namespace ChatBot.Bench.Titles;

/// <summary>
/// Builds a labelled query set from the catalog at run time. Each kind of query changes a title one way:
/// lower case, no leading article, one or two typing errors, Roman and Arabic numerals swapped, an alternate title,
/// or a year added. Queries for films the catalog lacks are added too. Labels come from the plain normalisation in <see cref="PlainKey"/> (lower case,
/// letters and digits), not from the engine under test, so a title shared by several movies is labelled ambiguous.
/// When the query spells one of them exactly, article included, and the others differ from it only by a leading
/// article, a match on that one counts as right too (<see cref="LabelledQuery.WrittenExactly"/>).
/// </summary>
public static partial class GeneratedQueries
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    private static readonly string[] Roman = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];

    public static List<LabelledQuery> Build(IMovieCatalog catalog, int perKind, int seed)
    {
        var random = new Random(seed);
        var byKey = catalog.Movies.ToLookup(m => PlainKey(m.Title));
        var allKeys = new HashSet<string>(catalog.Movies.Select(m => PlainKey(m.Title)));
        foreach (var alternate in catalog.Movies.SelectMany(m => m.AlternateTitles))
        {
            allKeys.Add(PlainKey(alternate));
        }

        var shuffled = catalog.Movies.OrderBy(_ => random.Next()).ToList();
        var queries = new List<LabelledQuery>();
        Add(queries, shuffled, perKind, "lower", m => m.Title.ToLowerInvariant(), byKey);
        Add(queries, shuffled, perKind, "article", DropArticle, byKey);
        Add(queries, shuffled, perKind, "typo", m => Typo(m.Title, random, allKeys), byKey);
        Add(queries, shuffled, perKind, "numeral", SwapNumeral, byKey);
        Add(queries, shuffled, perKind, "year", m => m.Year is { } year ? $"{m.Title.ToLowerInvariant()} ({year})" : null, byKey, withYear: true);
        AddAlternates(queries, shuffled, perKind, catalog, random);
        AddMissing(queries, catalog, perKind, random, allKeys);
        return queries;
    }

    /// <summary>Lower case, letters and digits only, single spaces, no leading English article.</summary>
    public static string PlainKey(string title) => DropLeadingArticle(LetterKey(title));

    /// <summary>Lower case, letters and digits only, single spaces, articles kept.</summary>
    private static string LetterKey(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (c is ' ' or '-' or ':' or ',' or '.' or '&' or '/' && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    private static string DropLeadingArticle(string key)
    {
        foreach (var article in (string[])["the ", "a ", "an "])
        {
            if (key.StartsWith(article, StringComparison.Ordinal))
            {
                return key[article.Length..];
            }
        }

        return key;
    }

    private static void Add(
        List<LabelledQuery> queries, List<Movie> movies, int limit, string kind, Func<Movie, string?> make, ILookup<string, Movie> byKey, bool withYear = false)
    {
        var added = 0;
        foreach (var movie in movies)
        {
            if (added == limit)
            {
                break;
            }

            var query = make(movie);
            if (string.IsNullOrWhiteSpace(query))
            {
                continue;
            }

            var same = byKey[PlainKey(movie.Title)].Where(m => !withYear || m.Year == movie.Year).ToList();
            if (same.Count > 1)
            {
                var written = same.Where(m => LetterKey(m.Title) == LetterKey(query)).ToList();
                queries.Add(new LabelledQuery(query, Expectation.Ambiguous, [.. same.Select(m => m.Id)], kind)
                {
                    WrittenExactly = written.Count == 1 ? written[0].Id : null,
                });
            }
            else
            {
                queries.Add(new LabelledQuery(query, Expectation.Single, [movie.Id], kind));
            }

            added++;
        }
    }

    private static void AddAlternates(List<LabelledQuery> queries, List<Movie> movies, int limit, IMovieCatalog catalog, Random random)
    {
        var owners = new Dictionary<string, HashSet<int>>();
        foreach (var movie in catalog.Movies)
        {
            foreach (var title in movie.AlternateTitles.Append(movie.Title))
            {
                var key = PlainKey(title);
                if (!owners.TryGetValue(key, out var set))
                {
                    owners[key] = set = [];
                }

                set.Add(movie.Id);
            }
        }

        var added = 0;
        foreach (var movie in movies.Where(m => m.AlternateTitles.Count > 0))
        {
            if (added == limit)
            {
                break;
            }

            var alternate = movie.AlternateTitles[random.Next(movie.AlternateTitles.Count)];
            var key = PlainKey(alternate);
            if (key.Length < 3 || key == PlainKey(movie.Title))
            {
                continue;
            }

            var same = owners[key];
            queries.Add(same.Count > 1
                ? new LabelledQuery(alternate, Expectation.Ambiguous, [.. same], "alternate")
                : new LabelledQuery(alternate, Expectation.Single, [movie.Id], "alternate"));
            added++;
        }
    }

    /// <summary>Adds random letter strings and random combinations of title words that name no catalog title.</summary>
    private static void AddMissing(List<LabelledQuery> queries, IMovieCatalog catalog, int limit, Random random, HashSet<string> allKeys)
    {
        for (var i = 0; i < limit / 2; i++)
        {
            var length = random.Next(5, 13);
            var letters = new char[length];
            for (var j = 0; j < length; j++)
            {
                letters[j] = Letters[random.Next(Letters.Length)];
            }

            queries.Add(new LabelledQuery(new string(letters), Expectation.None, [], "missing-letters"));
        }

        var words = catalog.Movies
            .SelectMany(m => PlainKey(m.Title).Split(' '))
            .Where(w => w.Length >= 4 && !w.All(char.IsAsciiDigit))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        var joinedKeys = string.Join('|', allKeys);
        var added = 0;
        while (added < limit - (limit / 2))
        {
            var count = random.Next(2, 5);
            var query = string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
            if (joinedKeys.Contains(query, StringComparison.Ordinal))
            {
                continue;
            }

            queries.Add(new LabelledQuery(query, Expectation.None, [], "missing-words"));
            added++;
        }
    }

    private static string? DropArticle(Movie movie)
    {
        foreach (var article in (string[])["The ", "A ", "An "])
        {
            if (movie.Title.StartsWith(article, StringComparison.Ordinal) && movie.Title.Length > article.Length + 2)
            {
                return movie.Title[article.Length..];
            }
        }

        return null;
    }

    /// <summary>Makes one or two typing errors (substitution, deletion, insertion, swap) in letters of titles with eight letters or more.</summary>
    private static string? Typo(string title, Random random, HashSet<string> allKeys)
    {
        var text = title.ToLowerInvariant();
        var letterPositions = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiLetterLower(text[i])).ToArray();
        if (letterPositions.Length < 8)
        {
            return null;
        }

        var edits = letterPositions.Length >= 12 ? random.Next(1, 3) : 1;
        var builder = new StringBuilder(text);
        for (var e = 0; e < edits; e++)
        {
            var positions = Enumerable.Range(0, builder.Length).Where(i => char.IsAsciiLetterLower(builder[i])).ToArray();
            var at = positions[random.Next(positions.Length)];
            switch (random.Next(4))
            {
                case 0:
                    builder[at] = Letters[random.Next(Letters.Length)];
                    break;
                case 1:
                    builder.Remove(at, 1);
                    break;
                case 2:
                    builder.Insert(at, Letters[random.Next(Letters.Length)]);
                    break;
                default:
                    if (at + 1 < builder.Length && char.IsAsciiLetterLower(builder[at + 1]))
                    {
                        (builder[at], builder[at + 1]) = (builder[at + 1], builder[at]);
                    }
                    else
                    {
                        builder[at] = Letters[random.Next(Letters.Length)];
                    }

                    break;
            }
        }

        var typo = builder.ToString();
        return typo == text || allKeys.Contains(PlainKey(typo)) ? null : typo;
    }

    /// <summary>Swaps the first Roman numeral from II to X for Arabic digits, or the first number from 2 to 10 for a Roman numeral.</summary>
    private static string? SwapNumeral(Movie movie)
    {
        var text = movie.Title;
        var roman = RomanWord().Match(text);
        if (roman.Success)
        {
            var value = Array.IndexOf(Roman, roman.Value.ToLowerInvariant());
            return (text[..roman.Index] + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + text[(roman.Index + roman.Length)..]).ToLowerInvariant();
        }

        var arabic = ArabicWord().Match(text);
        if (arabic.Success)
        {
            var value = int.Parse(arabic.Value, System.Globalization.CultureInfo.InvariantCulture);
            return (text[..arabic.Index] + Roman[value] + text[(arabic.Index + arabic.Length)..]).ToLowerInvariant();
        }

        return null;
    }

    [GeneratedRegex(@"(?<=\s)(II|III|IV|VI|VII|VIII|IX)(?=$|[\s:])", RegexOptions.CultureInvariant)]
    private static partial Regex RomanWord();

    [GeneratedRegex(@"(?<=\s)([2-9]|10)(?=$|[\s:])", RegexOptions.CultureInvariant)]
    private static partial Regex ArabicWord();
}
