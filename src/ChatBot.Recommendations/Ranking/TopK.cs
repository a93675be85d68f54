namespace ChatBot.Recommendations.Ranking;

/// <summary>Selects the highest scores without sorting everything.</summary>
internal static class TopK
{
    /// <summary>
    /// Returns the positions of the <paramref name="count"/> highest finite scores that <paramref name="accept"/>
    /// allows, best first; ties go to the lower position so results are deterministic.
    /// </summary>
    public static int[] Select(ReadOnlySpan<float> scores, int count, Func<int, bool>? accept = null)
    {
        if (count <= 0)
        {
            return [];
        }

        // A min-heap of the best so far: the root is the weakest kept entry.
        var heap = new PriorityQueue<int, (float Score, int NegativePosition)>(count + 1);
        for (var position = 0; position < scores.Length; position++)
        {
            var score = scores[position];
            if (!float.IsFinite(score))
            {
                continue;
            }

            if (heap.Count == count)
            {
                heap.TryPeek(out _, out var weakest);
                if (score < weakest.Score || (score == weakest.Score && -position < weakest.NegativePosition))
                {
                    continue;
                }
            }

            if (accept is not null && !accept(position))
            {
                continue;
            }

            heap.Enqueue(position, (score, -position));
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
        }

        var result = new int[heap.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            result[k] = heap.Dequeue();
        }

        return result;
    }
}
