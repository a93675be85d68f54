using System.Runtime.InteropServices;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// The catalog's titles and alternate titles in key form, with exact, space-free and trigram lookups, for
/// resolving titles that people and the language model write. Immutable once built, so any number of threads
/// may read it at once.
/// </summary>
public sealed partial class TitleIndex : ITitleIndex
{
    /// <summary>How many trigram neighbours are scored in full per lookup, besides exact key matches.</summary>
    private const int FuzzyCandidates = 16;

    /// <summary>
    /// The maximum number of characters of a query that are read. The longest raw title in ml-latest-small,
    /// alternates and year included, has 158 characters, and the cap keeps a pasted paragraph cheap.
    /// </summary>
    private const int MaxQueryLength = 300;

    /// <summary>How many titles that start with the query's words are scored in full per lookup.</summary>
    private const int PrefixCandidates = 8;

    /// <summary>How many titles that start with the query's words are read to pick the best-known of them.</summary>
    private const int PrefixScanLimit = 256;

    private readonly Movie[] _movies;
    private readonly Dictionary<int, int> _movieIndexById;
    private readonly double[] _popularity;
    private readonly TitleEntry[] _entries;
    private readonly EntryGroups _byKey;
    private readonly EntryGroups _byCompact;
    private readonly Dictionary<string, float> _inverseFrequency;
    private readonly float _unknownWordWeight;
    private readonly TrigramIndex _trigrams;
    private readonly string[] _sortedKeys;
    private readonly int[] _sortedKeyEntries;
    private readonly MentionExtractor _mentions;
    private readonly Dictionary<string, int> _maxWordsByFirstWord;

    public TitleIndex(IMovieCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _movies = [.. catalog.Movies];
        _movieIndexById = new Dictionary<int, int>(_movies.Length);
        _popularity = new double[_movies.Length];
        for (var i = 0; i < _movies.Length; i++)
        {
            _movieIndexById[_movies[i].Id] = i;
            _popularity[i] = 1 + Math.Log(1 + catalog.RatingCount(_movies[i].Id));
        }

        _entries = CreateEntries(_movies);
        (_inverseFrequency, _unknownWordWeight) = CountInverseFrequencies(_entries);
        foreach (var entry in _entries)
        {
            SetWeights(entry.Form);
        }

        _byKey = new EntryGroups(_entries, form => form.Key);
        _byCompact = new EntryGroups(_entries, form => form.Compact);
        _trigrams = new TrigramIndex(_entries);
        Corrector = new TitleWordCorrector(_inverseFrequency.Keys);
        _maxWordsByFirstWord = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            ref var longest = ref CollectionsMarshal.GetValueRefOrAddDefault(_maxWordsByFirstWord, entry.Form.Words[0], out _);
            longest = Math.Max(longest, entry.Form.Words.Length);
            LongestKeyWords = Math.Max(LongestKeyWords, entry.Form.Words.Length);
        }

        var order = Enumerable.Range(0, _entries.Length).ToArray();
        _sortedKeys = [.. _entries.Select(e => e.Form.Key)];
        Array.Sort(_sortedKeys, order, StringComparer.Ordinal);
        _sortedKeyEntries = order;
        _mentions = new MentionExtractor(this);
    }

    /// <summary>Gets the number of indexed spellings: main titles, alternate titles and their article-free forms.</summary>
    public int EntryCount => _entries.Length;

    /// <summary>Gets the number of movies indexed.</summary>
    public int MovieCount => _movies.Length;

    public IReadOnlyList<TitleMention> ExtractMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _mentions.Extract(text);
    }

    /// <summary>Builds the key form of a written title with this index's word weights.</summary>
    internal TitleForm CreateForm(string text)
    {
        var words = new List<string>();
        var droppedArticle = TitleKeys.Build(TitleTokenizer.Tokenize(text).ToArray(), words);
        return CreateForm(words, droppedArticle);
    }

    internal TitleForm CreateForm(List<string> words, bool droppedArticle)
    {
        var form = new TitleForm([.. words], droppedArticle);
        SetWeights(form);
        return form;
    }

    /// <summary>Gets the suggestions of title words for misspelt words.</summary>
    internal TitleWordCorrector Corrector { get; }

    /// <summary>Gets the number of words in the longest key.</summary>
    internal int LongestKeyWords { get; }

    /// <summary>Returns the largest number of words in a key that starts with <paramref name="word"/>, or 0 when none does.</summary>
    internal int MaxKeyWords(string word) => _maxWordsByFirstWord.GetValueOrDefault(word);

    /// <summary>Returns whether any title's key has the word.</summary>
    internal bool IsTitleWord(string word) => _inverseFrequency.ContainsKey(word);

    /// <summary>Returns the entries whose key is exactly <paramref name="key"/>, or an empty array.</summary>
    internal int[] FindByKey(string key) => _byKey.Find(key);

    /// <summary>Returns the entries whose key without spaces is exactly <paramref name="compact"/>, or an empty array.</summary>
    internal int[] FindByCompact(string compact) => _byCompact.Find(compact);

    internal int MovieIndexOf(Movie movie) => _movieIndexById[movie.Id];

    internal TitleEntry Entry(int index) => _entries[index];

    internal Movie MovieAt(int index) => _movies[index];

    internal double PopularityAt(int index) => _popularity[index];

    /// <summary>
    /// Creates the entries of all movies in movie order. Movies are split into ranges folded in parallel, because
    /// tokenizing and folding 300,000 titles is most of the build time for a catalog the size of ml-latest.
    /// </summary>
    private static TitleEntry[] CreateEntries(Movie[] movies)
    {
        var rangeSize = Math.Max(1024, movies.Length / (Environment.ProcessorCount * 4) + 1);
        var ranges = (movies.Length + rangeSize - 1) / rangeSize;
        var parts = new List<TitleEntry>[ranges];
        Parallel.For(0, ranges, range =>
        {
            var part = new List<TitleEntry>(rangeSize * 2);
            var tokens = new List<TitleToken>();
            var words = new List<string>();
            var end = Math.Min(movies.Length, (range + 1) * rangeSize);
            for (var i = range * rangeSize; i < end; i++)
            {
                AddEntries(part, i, movies[i].Title, TitleEntryKind.Main, tokens, words);
                foreach (var alternate in movies[i].AlternateTitles)
                {
                    AddEntries(part, i, alternate, TitleEntryKind.Alternate, tokens, words);
                }
            }

            parts[range] = part;
        });

        return [.. parts.SelectMany(part => part)];
    }

    private static void AddEntries(
        List<TitleEntry> entries, int movieIndex, string title, TitleEntryKind kind, List<TitleToken> tokens, List<string> words)
    {
        tokens.Clear();
        TitleTokenizer.Tokenize(title, tokens);
        var span = CollectionsMarshal.AsSpan(tokens);
        AddForms(entries, movieIndex, title, kind, span, words);

        var breakAt = FirstBreak(span);
        if (breakAt >= 2)
        {
            AddForms(entries, movieIndex, title, TitleEntryKind.ShortForm, span[..breakAt], words);
        }
    }

    private static int FirstBreak(ReadOnlySpan<TitleToken> tokens)
    {
        for (var i = 1; i < tokens.Length; i++)
        {
            if (tokens[i].BreakBefore)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds the key of the tokens and, when the key starts with an article of another language, the key without it.</summary>
    private static void AddForms(
        List<TitleEntry> entries, int movieIndex, string title, TitleEntryKind kind, ReadOnlySpan<TitleToken> tokens, List<string> words)
    {
        var droppedArticle = TitleKeys.Build(tokens, words);
        if (words.Count == 0 || (kind == TitleEntryKind.ShortForm && words.Count < 2))
        {
            return;
        }

        AddEntry(entries, new TitleEntry(movieIndex, new TitleForm([.. words], droppedArticle), title, kind));
        if (words.Count >= 2 && TitleKeys.ForeignArticles.Contains(words[0]))
        {
            AddEntry(entries, new TitleEntry(movieIndex, new TitleForm([.. words.Skip(1)], droppedArticle: true), title, kind));
        }
    }

    /// <summary>Adds the entry unless the same movie already has an entry with this key.</summary>
    private static void AddEntry(List<TitleEntry> entries, TitleEntry entry)
    {
        for (var i = entries.Count - 1; i >= 0 && entries[i].MovieIndex == entry.MovieIndex; i--)
        {
            if (entries[i].Form.Key == entry.Form.Key)
            {
                return;
            }
        }

        entries.Add(entry);
    }

    private static (Dictionary<string, float> Weights, float Unknown) CountInverseFrequencies(TitleEntry[] entries)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var words = entry.Form.Words;
            for (var i = 0; i < words.Length; i++)
            {
                if (Array.IndexOf(words, words[i], 0, i) < 0)
                {
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, words[i], out _);
                    count++;
                }
            }
        }

        var total = Math.Max(1, entries.Length);
        var weights = new Dictionary<string, float>(documentFrequency.Count, StringComparer.Ordinal);
        foreach (var (word, count) in documentFrequency)
        {
            weights[word] = (float)Math.Log(1 + ((double)total / count));
        }

        return (weights, (float)Math.Log(1 + total));
    }

    private void SetWeights(TitleForm form)
    {
        var weights = new float[form.Words.Length];
        float total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = _inverseFrequency.GetValueOrDefault(form.Words[i], _unknownWordWeight);
            total += weights[i];
        }

        form.Weights = weights;
        form.TotalWeight = total;
    }
}
