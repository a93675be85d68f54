using ChatBot.Recommendations.Ranking;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>Writes a score for every item (indexed by item) from a person's input ratings; non-finite scores are never ranked.</summary>
public delegate void ItemScorer(ReadOnlySpan<int> items, ReadOnlySpan<float> stars, Span<float> scores);

/// <summary>Averages of top-N metrics over the evaluated people.</summary>
/// <param name="Recall">Mean Recall@N.</param>
/// <param name="Ndcg">Mean NDCG@N.</param>
/// <param name="Users">People with at least one relevant held-out item.</param>
/// <param name="BlockbusterShare">Share of recommended slots filled by the 100 most-rated training items.</param>
/// <param name="Coverage">Distinct recommended items divided by all items.</param>
/// <param name="MeanPopularityPercentile">Mean percentile (0 = least rated, 100 = most rated) of the recommended items' rating counts.</param>
public sealed record TopNMetrics(double Recall, double Ndcg, int Users, double BlockbusterShare, double Coverage, double MeanPopularityPercentile);

/// <summary>Ranks every unrated item for each case and measures the top of the list.</summary>
public static class TopNEvaluator
{
    /// <summary>How many of the most-rated items count as blockbusters.</summary>
    public const int BlockbusterCount = 100;

    public static TopNMetrics Evaluate(IReadOnlyList<TopNCase> cases, ItemScorer scorer, int[] itemRatingCounts, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(itemRatingCounts);
        var itemCount = itemRatingCounts.Length;
        var percentile = PopularityPercentiles(itemRatingCounts);
        var blockbusters = Enumerable.Range(0, itemCount)
            .OrderByDescending(i => itemRatingCounts[i]).ThenBy(i => i).Take(BlockbusterCount).ToHashSet();

        var scores = new float[itemCount];
        var recommended = new HashSet<int>();
        double recall = 0, ndcg = 0, blockbusterSlots = 0, percentileSum = 0;
        var slots = 0;
        foreach (var testCase in cases)
        {
            scorer(testCase.InputItems, testCase.InputStars, scores);
            foreach (var item in testCase.InputItems)
            {
                scores[item] = float.NegativeInfinity;
            }

            var top = TopK.Select(scores, cutoff);
            recall += RankingMetrics.Recall(top, testCase.Relevant, cutoff);
            ndcg += RankingMetrics.Ndcg(top, testCase.Relevant, cutoff);
            foreach (var item in top)
            {
                recommended.Add(item);
                blockbusterSlots += blockbusters.Contains(item) ? 1 : 0;
                percentileSum += percentile[item];
                slots++;
            }
        }

        var users = cases.Count;
        return new TopNMetrics(
            users > 0 ? recall / users : 0,
            users > 0 ? ndcg / users : 0,
            users,
            slots > 0 ? blockbusterSlots / slots : 0,
            itemCount > 0 ? (double)recommended.Count / itemCount : 0,
            slots > 0 ? percentileSum / slots : 0);
    }

    private static double[] PopularityPercentiles(int[] counts)
    {
        var order = Enumerable.Range(0, counts.Length).OrderBy(i => counts[i]).ThenBy(i => i).ToArray();
        var result = new double[counts.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            result[order[rank]] = order.Length > 1 ? 100.0 * rank / (order.Length - 1) : 100;
        }

        return result;
    }
}
