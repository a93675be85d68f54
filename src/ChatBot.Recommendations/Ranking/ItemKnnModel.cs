using ChatBot.Recommendations.Data;

namespace ChatBot.Recommendations.Ranking;

/// <summary>
/// Item-based k-nearest-neighbour top-N baseline (Deshpande and Karypis, TOIS 2004): cosine similarity of
/// binary "rated" columns, each item keeps its <c>k</c> most similar items, and an item's score for a
/// person is the sum of its similarities to the items they rated.
/// </summary>
public sealed class ItemKnnModel
{
    private readonly int[][] _neighbours;
    private readonly float[][] _similarities;

    private ItemKnnModel(int itemCount, int[][] neighbours, float[][] similarities)
    {
        ItemCount = itemCount;
        _neighbours = neighbours;
        _similarities = similarities;
    }

    public int ItemCount { get; }

    /// <summary>Builds the neighbour lists from the ratings' co-occurrence counts.</summary>
    public static ItemKnnModel Train(RatingMatrix ratings, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        var itemCount = ratings.ItemCount;
        var counts = ratings.ItemRatingCounts();
        var usersOfItem = new List<int>[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            usersOfItem[i] = [];
        }

        for (var k = 0; k < ratings.Count; k++)
        {
            usersOfItem[ratings.Items[k]].Add(ratings.Users[k]);
        }

        var lists = new int[itemCount][];
        var weights = new float[itemCount][];
        Parallel.For(0, itemCount, () => new int[itemCount], (item, _, cooccurrence) =>
        {
            Array.Clear(cooccurrence);
            foreach (var user in usersOfItem[item])
            {
                foreach (var other in ratings.ItemsOf(user))
                {
                    cooccurrence[other]++;
                }
            }

            var candidates = new List<(int Item, float Similarity)>();
            for (var other = 0; other < itemCount; other++)
            {
                if (other != item && cooccurrence[other] > 0)
                {
                    candidates.Add((other, (float)(cooccurrence[other] / Math.Sqrt((double)counts[item] * counts[other]))));
                }
            }

            var top = candidates.OrderByDescending(c => c.Similarity).ThenBy(c => c.Item).Take(neighbours).ToArray();
            lists[item] = [.. top.Select(c => c.Item)];
            weights[item] = [.. top.Select(c => c.Similarity)];
            return cooccurrence;
        }, _ => { });
        return new ItemKnnModel(itemCount, lists, weights);
    }

    /// <summary>Adds each rated item's neighbour similarities into <paramref name="scores"/> (indexed by item).</summary>
    public void Score(ReadOnlySpan<int> items, Span<float> scores)
    {
        scores.Clear();
        foreach (var item in items)
        {
            var neighbours = _neighbours[item];
            var similarities = _similarities[item];
            for (var n = 0; n < neighbours.Length; n++)
            {
                scores[neighbours[n]] += similarities[n];
            }
        }
    }
}
