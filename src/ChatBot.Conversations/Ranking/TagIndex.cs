using System.Text;
using ChatBot.Core.Movies;

namespace ChatBot.Conversations.Ranking;

/// <summary>
/// An inverted index from words to the catalog movies whose tags use them, built once per catalog, that scores
/// free text against every movie's tag document with BM25. A movie's document is the words of its distinct tags.
/// Words are lower-cased runs of letters and digits without a plural "s". Common English and chat words are left out.
/// </summary>
internal sealed class TagIndex
{
    /// <summary>BM25 term-frequency saturation.</summary>
    private const float K1 = 1.2f;

    /// <summary>BM25 document-length normalisation.</summary>
    private const float B = 0.75f;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "actually", "after", "again", "all", "also", "am", "an", "and", "any", "anything", "are", "as", "at",
        "be", "been", "but", "by", "can", "could", "did", "do", "don", "else", "ever", "for", "from", "get", "give",
        "go", "going", "good", "got", "great", "had", "have", "he", "hello", "her", "hey", "hi", "him", "his", "how",
        "i", "if", "im", "in", "into", "is", "it", "just", "kind", "know", "like", "liked", "ll", "lot", "love", "loved",
        "m", "maybe", "me", "more", "most", "movie", "much", "my", "need", "nice", "no", "not", "now", "of", "oh", "ok",
        "okay", "on", "one", "or", "other", "out", "re", "really", "recommend", "recommendation", "s", "saw", "see", "seen",
        "she", "should", "so", "some", "something", "sound", "sure", "t", "thank", "thanks", "that", "the", "their",
        "them", "then", "there", "they", "think", "to", "too", "try", "u", "up", "ve", "very", "want", "was",
        "watch", "watched", "watching", "we", "well", "what", "when", "which", "who", "will", "with", "would", "yeah",
        "yes", "you", "your", "film", "dont", "didnt", "doesnt", "ive", "id", "its", "thats", "whats", "youre", "cant",
        "wont", "isnt", "anyway", "bit", "mean", "find", "new", "old", "pretty", "time", "way",
    };

    private readonly Dictionary<string, (int Index, float Weight)[]> _postings;

    public TagIndex(IReadOnlyList<Movie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var documents = new List<(int Index, Dictionary<string, int> Counts, int Length)>();
        foreach (var (movie, index) in movies.Select((m, i) => (m, i)))
        {
            if (movie.Tags.Count == 0)
            {
                continue;
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var length = 0;
            foreach (var word in movie.Tags.SelectMany(Words))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
                length++;
            }

            if (length > 0)
            {
                documents.Add((index, counts, length));
            }
        }

        Documents = documents.Count;
        var meanLength = documents.Count == 0 ? 1f : (float)documents.Average(d => d.Length);
        var frequency = documents.SelectMany(d => d.Counts.Keys).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _postings = new Dictionary<string, (int, float)[]>(frequency.Count, StringComparer.Ordinal);
        var lists = frequency.Keys.ToDictionary(w => w, _ => new List<(int, float)>(), StringComparer.Ordinal);
        foreach (var (index, counts, length) in documents)
        {
            foreach (var (word, count) in counts)
            {
                var df = frequency[word];
                var idf = MathF.Log(1 + ((Documents - df + 0.5f) / (df + 0.5f)));
                var saturated = count * (K1 + 1) / (count + (K1 * (1 - B + (B * length / meanLength))));
                lists[word].Add((index, idf * saturated));
            }
        }

        foreach (var (word, list) in lists)
        {
            _postings[word] = [.. list];
        }
    }

    /// <summary>Gets the number of movies with at least one tag word.</summary>
    public int Documents { get; }

    /// <summary>
    /// Returns ln(1 + every movie's BM25 score) for the words of <paramref name="texts"/> (each distinct word
    /// counted once), indexed like the catalog; null when no word matches any tag.
    /// </summary>
    public float[]? Score(IEnumerable<string> texts, int count)
    {
        ArgumentNullException.ThrowIfNull(texts);
        float[]? scores = null;
        foreach (var word in texts.SelectMany(Words).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(word, out var postings))
            {
                continue;
            }

            scores ??= new float[count];
            foreach (var (index, weight) in postings)
            {
                scores[index] += weight;
            }
        }

        if (scores is null)
        {
            return null;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = MathF.Log(1 + scores[i]);
        }

        return scores;
    }

    /// <summary>Splits text into index words: lower-case runs of letters and digits, plural "s" removed, stop words left out.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (c == '\'' || c == '’')
            {
                // An apostrophe joins its neighbours, so "don't" and "o'brien" stay one word.
                continue;
            }

            if (builder.Length > 0)
            {
                var word = Stem(builder.ToString());
                builder.Clear();
                if (word.Length > 1 && !StopWords.Contains(word))
                {
                    yield return word;
                }
            }
        }
    }

    private static string Stem(string word) =>
        word.Length > 3 && word[^1] == 's' && word[^2] != 's' && word[^2] != 'u' && word[^2] != 'i' ? word[..^1] : word;
}
