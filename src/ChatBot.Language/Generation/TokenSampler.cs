namespace ChatBot.Language.Generation;

/// <summary>
/// Picks the next token from logits with temperature, top-k, top-p and a repetition penalty. With a
/// <see cref="Utf8Guard"/>, tokens that would break a multi-byte character are skipped.
/// </summary>
internal sealed class TokenSampler(GenerationSettings settings, Random random, Utf8Guard? utf8 = null)
{
    /// <summary>How many of the best tokens greedy decoding looks through for one that keeps the text valid.</summary>
    private const int GreedyFallbackCandidates = 40;

    private readonly HashSet<int> _generated = [];

    /// <summary>The continuation bytes the text still owes to finish its last character.</summary>
    private int _owed;

    /// <summary>Records the accepted token (an index into the logits).</summary>
    public void Remember(int token)
    {
        _generated.Add(token);
        if (utf8 is not null)
        {
            _owed = Math.Max(0, utf8.After(_owed, token));
        }
    }

    /// <summary>Returns the next token; modifies <paramref name="logits"/> in place.</summary>
    public int Sample(Span<float> logits)
    {
        if (settings.RepetitionPenalty != 1.0)
        {
            var penalty = (float)settings.RepetitionPenalty;
            foreach (var token in _generated)
            {
                logits[token] = logits[token] > 0 ? logits[token] / penalty : logits[token] * penalty;
            }
        }

        if (settings.Temperature <= 0)
        {
            var best = ArgMax(logits);
            if (Fits(best))
            {
                return best;
            }

            var fitting = TopIndices(logits, Math.Min(GreedyFallbackCandidates, logits.Length)).FirstOrDefault(Fits, -1);
            return fitting >= 0 ? fitting : best;
        }

        // Keep the top-k indices (all when k is 0), sorted by logit descending, that keep the text valid.
        var k = settings.TopK > 0 ? Math.Min(settings.TopK, logits.Length) : logits.Length;
        var order = TopIndices(logits, k);
        if (utf8 is not null)
        {
            // When no candidate fits, the text keeps the model's choice, and the decoder writes U+FFFD there.
            var valid = order.Where(Fits).ToArray();
            order = valid.Length > 0 ? valid : order;
        }

        var temperature = settings.Temperature;
        var max = logits[order[0]];
        var weights = new double[order.Length];
        double total = 0;
        for (var i = 0; i < order.Length; i++)
        {
            weights[i] = Math.Exp((logits[order[i]] - max) / temperature);
            total += weights[i];
        }

        // Nucleus: the shortest prefix whose probability reaches top-p.
        var count = order.Length;
        if (settings.TopP < 1.0)
        {
            double cumulative = 0;
            for (var i = 0; i < order.Length; i++)
            {
                cumulative += weights[i] / total;
                if (cumulative >= settings.TopP)
                {
                    count = i + 1;
                    break;
                }
            }
        }

        double kept = 0;
        for (var i = 0; i < count; i++)
        {
            kept += weights[i];
        }

        var draw = random.NextDouble() * kept;
        for (var i = 0; i < count; i++)
        {
            draw -= weights[i];
            if (draw <= 0)
            {
                return order[i];
            }
        }

        return order[count - 1];
    }

    private bool Fits(int index) => utf8 is null || utf8.After(_owed, index) >= 0;

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int[] TopIndices(ReadOnlySpan<float> values, int k)
    {
        // A min-heap of the k largest logits: O(n log k) instead of sorting the whole vocabulary.
        var heap = new PriorityQueue<int, float>(k + 1);
        for (var i = 0; i < values.Length; i++)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(i, values[i]);
            }
            else if (heap.TryPeek(out _, out var smallest) && values[i] > smallest)
            {
                heap.DequeueEnqueue(i, values[i]);
            }
        }

        var indices = new int[heap.Count];
        for (var i = indices.Length - 1; i >= 0; i--)
        {
            indices[i] = heap.Dequeue();
        }

        return indices;
    }
}
