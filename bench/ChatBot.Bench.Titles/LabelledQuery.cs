using System.Globalization;

namespace ChatBot.Bench.Titles;

/// <summary>What a query should resolve to.</summary>
public enum Expectation
{
    /// <summary>One movie: the lookup should rank it first.</summary>
    Single,

    /// <summary>Several movies share the written title: the lookup should return ambiguous and rank one of them first.</summary>
    Ambiguous,

    /// <summary>The catalog lacks the film: the lookup should return none.</summary>
    None,
}

/// <summary>A title query with the movies it should find.</summary>
/// <param name="Kind">What the query tests, such as "typo" or "numeral".</param>
/// <param name="MovieIds">The acceptable movie ids; empty for <see cref="Expectation.None"/>.</param>
public sealed record LabelledQuery(string Query, Expectation Expectation, IReadOnlyList<int> MovieIds, string Kind)
{
    /// <summary>
    /// Gets, for a shared-title query, the one movie whose title the query spells exactly, article included, when the
    /// other movies differ from it only by a leading article ("heat" for Heat (1995), not The Heat (2013)). A match
    /// on that movie is as right as "ambiguous"; null when no such movie exists.
    /// </summary>
    public int? WrittenExactly { get; init; }

    /// <summary>
    /// Reads the hand-written query file: tab-separated query, expected and kind, where expected is a movie id,
    /// "ambiguous:ID,ID" or "none"; lines starting with # are comments.
    /// </summary>
    public static List<LabelledQuery> ReadFile(string path)
    {
        var queries = new List<LabelledQuery>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 3 tab-separated fields (query, expected, kind) but found {fields.Length}.");
            }

            var expected = fields[1];
            queries.Add(expected switch
            {
                "none" => new LabelledQuery(fields[0], Expectation.None, [], fields[2]),
                _ when expected.StartsWith("ambiguous:", StringComparison.Ordinal) =>
                    new LabelledQuery(fields[0], Expectation.Ambiguous, ParseIds(expected["ambiguous:".Length..]), fields[2]),
                _ => new LabelledQuery(fields[0], Expectation.Single, ParseIds(expected), fields[2]),
            });
        }

        return queries;
    }

    private static int[] ParseIds(string text) =>
        [.. text.Split(',').Select(id => int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture))];
}
