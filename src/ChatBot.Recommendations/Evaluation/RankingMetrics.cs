namespace ChatBot.Recommendations.Evaluation;

/// <summary>Top-N accuracy of one ranked list against a set of relevant items.</summary>
public static class RankingMetrics
{
    /// <summary>Returns hits in the list divided by min(list length, relevant count); 0 when nothing is relevant.</summary>
    public static double Recall(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0)
        {
            return 0;
        }

        var hits = ranked.Take(cutoff).Count(relevant.Contains);
        return (double)hits / Math.Min(cutoff, relevant.Count);
    }

    /// <summary>
    /// Returns NDCG with binary gains: Σ 1/log2(rank + 1) over relevant items in the first <paramref name="cutoff"/>
    /// places (rank from 1), divided by the same sum for a list with all relevant items first.
    /// </summary>
    public static double Ndcg(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0)
        {
            return 0;
        }

        double dcg = 0;
        for (var rank = 1; rank <= Math.Min(cutoff, ranked.Count); rank++)
        {
            if (relevant.Contains(ranked[rank - 1]))
            {
                dcg += 1 / Math.Log2(rank + 1);
            }
        }

        double ideal = 0;
        for (var rank = 1; rank <= Math.Min(cutoff, relevant.Count); rank++)
        {
            ideal += 1 / Math.Log2(rank + 1);
        }

        return dcg / ideal;
    }
}
