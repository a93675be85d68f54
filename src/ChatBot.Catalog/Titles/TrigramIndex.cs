namespace ChatBot.Catalog.Titles;

/// <summary>
/// An inverted index from character trigrams of key words to title entries, used to find the entries that
/// share the most trigrams with a misspelt or partial query before they are scored one by one. Each word is
/// padded with a space on both sides, so " go", "god", ..., "er " describe "godfather" and a typo inside a word
/// still leaves most of its trigrams intact.
/// </summary>
internal sealed class TrigramIndex
{
    /// <summary>Symbols of a folded key: space, a-z, 0-9.</summary>
    private const int Alphabet = 37;

    /// <summary>How many postings a lookup reads by default once half of its trigrams are read.</summary>
    public const int DefaultPostingsBudget = 2000;

    private readonly int[][] _postings;
    private readonly ushort[] _trigramCounts;

    private readonly ThreadLocal<Scratch> _scratch;

    public TrigramIndex(IReadOnlyList<TitleEntry> entries)
    {
        // Two passes over one flat buffer of every entry's trigrams: count the postings of each trigram, then fill
        // exactly sized arrays, which avoids a growing list per trigram.
        _trigramCounts = new ushort[entries.Count];
        var flat = new List<int>(entries.Count * 16);
        var buffer = new List<int>();
        for (var entry = 0; entry < entries.Count; entry++)
        {
            Collect(entries[entry].Form.Words, buffer);
            _trigramCounts[entry] = (ushort)Math.Min(buffer.Count, ushort.MaxValue);
            flat.AddRange(buffer);
        }

        var sizes = new int[Alphabet * Alphabet * Alphabet];
        foreach (var trigram in flat)
        {
            sizes[trigram]++;
        }

        _postings = new int[sizes.Length][];
        for (var i = 0; i < sizes.Length; i++)
        {
            _postings[i] = sizes[i] == 0 ? [] : new int[sizes[i]];
            sizes[i] = 0;
        }

        var position = 0;
        for (var entry = 0; entry < entries.Count; entry++)
        {
            for (var end = position + _trigramCounts[entry]; position < end; position++)
            {
                var trigram = flat[position];
                _postings[trigram][sizes[trigram]++] = entry;
            }
        }

        var entryCount = entries.Count;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(entryCount));
    }

    /// <summary>
    /// Writes to <paramref name="result"/> up to <paramref name="limit"/> entries with the highest Dice
    /// coefficient over trigrams, best first. Trigrams are read from the rarest on; once half of them are read,
    /// common ones (" th", "he ") that would push the postings read past <paramref name="postingsBudget"/> are
    /// skipped, because they cost the most time and separate titles the least.
    /// </summary>
    public void FindNearest(string[] words, int limit, List<int> result, int postingsBudget = DefaultPostingsBudget)
    {
        result.Clear();
        var scratch = _scratch.Value!;
        var trigrams = scratch.Trigrams;
        Collect(words, trigrams);
        if (trigrams.Count == 0)
        {
            return;
        }

        trigrams.Sort((a, b) => _postings[a].Length.CompareTo(_postings[b].Length));
        var counts = scratch.Counts;
        var touched = scratch.Touched;
        var used = 0;
        var scanned = 0;
        var enough = Math.Max(3, (trigrams.Count + 1) / 2);
        foreach (var trigram in trigrams)
        {
            var postings = _postings[trigram];
            if (used >= enough && scanned + postings.Length > postingsBudget)
            {
                break;
            }

            used++;
            scanned += postings.Length;
            foreach (var entry in postings)
            {
                if (counts[entry]++ == 0)
                {
                    touched.Add(entry);
                }
            }
        }

        // Entries that share under half as many trigrams as the best one cannot rank near the top, so only the
        // rest reach the heap. That keeps the cost to the few entries that matter.
        var mostShared = 0;
        foreach (var entry in touched)
        {
            mostShared = Math.Max(mostShared, counts[entry]);
        }

        var threshold = Math.Max(1, mostShared / 2);
        var best = scratch.Best;
        best.Clear();

        foreach (var entry in touched)
        {
            var shared = counts[entry];
            counts[entry] = 0;
            if (shared < threshold)
            {
                continue;
            }

            var dice = 2f * shared / (trigrams.Count + _trigramCounts[entry]);
            if (best.Count < limit)
            {
                best.Enqueue(entry, dice);
            }
            else if (dice > PeekPriority(best))
            {
                best.EnqueueDequeue(entry, dice);
            }
        }

        touched.Clear();
        while (best.TryDequeue(out var entry, out _))
        {
            result.Add(entry);
        }

        result.Reverse();
    }

    private static float PeekPriority(PriorityQueue<int, float> queue)
    {
        queue.TryPeek(out _, out var priority);
        return priority;
    }

    /// <summary>Writes the distinct trigram ids of the padded words to <paramref name="trigrams"/>.</summary>
    private static void Collect(string[] words, List<int> trigrams)
    {
        trigrams.Clear();
        foreach (var word in words)
        {
            var previous2 = 0;
            var previous1 = 0;
            for (var i = 0; i <= word.Length; i++)
            {
                var current = i < word.Length ? Symbol(word[i]) : 0;
                if (i >= 1 || word.Length == 0)
                {
                    var trigram = (((previous2 * Alphabet) + previous1) * Alphabet) + current;
                    if (!trigrams.Contains(trigram))
                    {
                        trigrams.Add(trigram);
                    }
                }

                previous2 = previous1;
                previous1 = current;
            }
        }
    }

    private static int Symbol(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a' + 1,
        >= '0' and <= '9' => c - '0' + 27,
        _ => 0,
    };

    /// <summary>
    /// Per-thread buffers of a lookup. NOTE: each thread that looks titles up keeps one counter per entry for the
    /// index's lifetime, about 1.3 MiB per thread for an ml-latest-sized catalog.
    /// </summary>
    private sealed class Scratch(int entryCount)
    {
        public int[] Counts { get; } = new int[entryCount];

        public List<int> Touched { get; } = [];

        public List<int> Trigrams { get; } = [];

        public PriorityQueue<int, float> Best { get; } = new();
    }
}
