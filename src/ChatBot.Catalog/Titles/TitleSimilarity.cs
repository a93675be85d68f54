using Quickenshtein;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Scores how well a written title matches an indexed title, from 0 (nothing in common) to 1 (same key).
/// Two views are combined and the higher one wins. Character similarity of the keys without spaces forgives
/// typos and word joints ("spiderman"). A word alignment weighted by inverse document frequency forgives missing,
/// extra or reordered words ("star wars a new hope" for "Star Wars: Episode IV - A New Hope").
/// Edit distances come from Quickenshtein, which computes Levenshtein distance without allocating and with SIMD, so
/// the few dozen comparisons of a lookup stay within microseconds. FuzzySharp's ratios serve only as the benchmark's
/// baseline: scoring every title with them took about 0.1 s per query over ml-latest-small in that benchmark.
/// </summary>
internal static class TitleSimilarity
{
    /// <summary>The score of a title whose key matches the query's once spaces are removed ("wall e" and "walle").</summary>
    public const double CompactMatch = 0.97;

    /// <summary>
    /// The score of an equal key when only one side had an article ("heat" for "The Heat"), low enough that a title
    /// matching without that difference ("Heat") wins clearly.
    /// </summary>
    public const double ArticleMismatch = 0.975;

    /// <summary>The highest score for a match on a title's part before its subtitle ("terminator 2").</summary>
    public const double ShortFormMatch = 0.9;

    /// <summary>The highest score a title reaches without matching a key exactly or without spaces.</summary>
    public const double MaxFuzzy = 0.94;

    /// <summary>
    /// The lowest score of a title that starts with the query's words ("harry potter"), so a franchise name makes
    /// its films ambiguous rather than not found. Up to 0.1 more is added for the share of the title the query covers.
    /// </summary>
    private const double PrefixFloor = 0.7;

    /// <summary>The factor for titles whose numbers differ from the query's ("toy story 3" and "Toy Story").</summary>
    private const double NumberMismatch = 0.75;

    public static double Score(TitleForm query, TitleEntry entry)
    {
        var title = entry.Form;
        if (query.Key.Length == 0 || title.Key.Length == 0)
        {
            return 0;
        }

        var shortForm = entry.Kind == TitleEntryKind.ShortForm;
        if (string.Equals(query.Key, title.Key, StringComparison.Ordinal))
        {
            var exact = query.DroppedArticle == title.DroppedArticle ? 1 : ArticleMismatch;
            return shortForm ? Math.Min(exact, ShortFormMatch) : exact;
        }

        if (string.Equals(query.Compact, title.Compact, StringComparison.Ordinal))
        {
            return shortForm ? ShortFormMatch - 0.02 : CompactMatch;
        }

        var score = WordSimilarity(query, title);
        var lengthBound = 1 - ((double)Math.Abs(query.Compact.Length - title.Compact.Length) / Math.Max(query.Compact.Length, title.Compact.Length));
        if (lengthBound > score)
        {
            // Character similarity can only win when the lengths allow it; the check skips most edit distances.
            score = Math.Max(score, CharacterSimilarity(query.Compact, title.Compact));
        }

        if (!shortForm && query.Key.Length >= 2 && title.Key.Length > query.Key.Length
            && title.Key[query.Key.Length] == ' ' && title.Key.StartsWith(query.Key, StringComparison.Ordinal))
        {
            score = Math.Max(score, PrefixFloor + (0.1 * query.Key.Length / title.Key.Length));
        }

        if (NumbersDiffer(query.Words, title.Words))
        {
            score *= NumberMismatch;
        }

        return Math.Min(MaxFuzzy, score);
    }

    /// <summary>Returns 1 minus the Levenshtein distance divided by the longer length.</summary>
    public static double CharacterSimilarity(string a, string b)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0)
        {
            return 1;
        }

        return 1 - ((double)Levenshtein.GetDistance(a, b) / longer);
    }

    /// <summary>
    /// Returns the F1 score of a word alignment: each word counts with its inverse document frequency and with how
    /// well it matches the closest word on the other side.
    /// </summary>
    public static double WordSimilarity(TitleForm query, TitleForm title)
    {
        var queryWords = query.Words;
        var titleWords = title.Words;
        Span<double> titleBest = titleWords.Length <= 64 ? stackalloc double[titleWords.Length] : new double[titleWords.Length];
        titleBest.Clear();

        double queryMatched = 0;
        for (var i = 0; i < queryWords.Length; i++)
        {
            double best = 0;
            for (var j = 0; j < titleWords.Length; j++)
            {
                var similarity = WordMatch(queryWords[i], titleWords[j]);
                best = Math.Max(best, similarity);
                titleBest[j] = Math.Max(titleBest[j], similarity);
            }

            queryMatched += best * query.Weights[i];
        }

        double titleMatched = 0;
        for (var j = 0; j < titleWords.Length; j++)
        {
            titleMatched += titleBest[j] * title.Weights[j];
        }

        var precision = query.TotalWeight > 0 ? queryMatched / query.TotalWeight : 0;
        var recall = title.TotalWeight > 0 ? titleMatched / title.TotalWeight : 0;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }

    /// <summary>
    /// Returns 1 for equal words, 1 minus the edit share for a word within one edit (two edits from eight letters
    /// on), and 0 otherwise. Words of three letters or fewer match only exactly, so "2" never meets "3", and
    /// words that differ in both their first and their last letter are not compared, since a typo seldom changes both.
    /// </summary>
    private static bool NumbersDiffer(string[] a, string[] b)
    {
        foreach (var word in a)
        {
            if (TitleKeys.IsNumber(word) && Array.IndexOf(b, word) < 0)
            {
                return true;
            }
        }

        foreach (var word in b)
        {
            if (TitleKeys.IsNumber(word) && Array.IndexOf(a, word) < 0)
            {
                return true;
            }
        }

        return false;
    }

    public static double WordMatch(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        var longer = Math.Max(a.Length, b.Length);
        if (Math.Min(a.Length, b.Length) <= 3)
        {
            return 0;
        }

        var allowed = longer >= 8 ? 2 : 1;
        if (Math.Abs(a.Length - b.Length) > allowed || (a[0] != b[0] && a[^1] != b[^1]))
        {
            return 0;
        }

        var distance = Levenshtein.GetDistance(a, b);
        return distance <= allowed ? 1 - ((double)distance / longer) : 0;
    }
}
