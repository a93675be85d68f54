using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

public sealed partial class TitleIndex
{
    public TitleLookup Lookup(string query, int maxCandidates = 5)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);
        return LookupWithQuality(query, maxCandidates).Lookup;
    }

    /// <summary>Resolves a written title and also returns the best raw match quality, before confidences are shared out.</summary>
    internal (TitleLookup Lookup, double Quality) LookupWithQuality(string query, int maxCandidates)
    {
        var scored = ScoreMovies(query);
        var lookup = TitleDecision.Decide(query, scored, maxCandidates, _popularity, _movies);
        return (lookup, scored.Count == 0 ? 0 : scored.Max(s => s.Quality));
    }

    /// <summary>
    /// Scores every movie that could be meant by <paramref name="query"/>: those with a title whose key or space-free
    /// key matches, titles that start with the query's words, and the nearest titles by trigrams. A trailing year is
    /// read as a year ("dune 1984") and also as part of the title ("Death Race 2000"). The second reading counts only
    /// for an exact or space-free key match.
    /// </summary>
    internal List<ScoredMovie> ScoreMovies(string query)
    {
        if (query.Length > MaxQueryLength)
        {
            query = query[..MaxQueryLength];
        }

        var hasYear = TitleYear.TrySplit(query, out var titlePart, out var year);
        var primary = CreateForm(titlePart);
        var whole = hasYear ? CreateForm(query) : null;
        if (primary.Words.Length == 0 && whole is null)
        {
            return [];
        }

        var candidates = new List<int>(FuzzyCandidates + 8);
        AddAll(candidates, _byKey.Find(primary.Key));
        AddAll(candidates, _byCompact.Find(primary.Compact));
        if (whole is not null)
        {
            AddAll(candidates, _byKey.Find(whole.Key));
            AddAll(candidates, _byCompact.Find(whole.Compact));
        }

        AddAll(candidates, WholeWordPrefixMatches(primary.Key));

        // With an exact hit the neighbours only fill the list of alternatives, so fewer are looked for and scored.
        var nearest = new List<int>(FuzzyCandidates);
        if (candidates.Count > 0)
        {
            _trigrams.FindNearest(primary.Words, FuzzyCandidates / 2, nearest, TrigramIndex.DefaultPostingsBudget / 4);
        }
        else
        {
            _trigrams.FindNearest(primary.Words, FuzzyCandidates, nearest);
        }

        AddAll(candidates, nearest);

        var best = new List<ScoredMovie>(candidates.Count);
        foreach (var entryIndex in candidates)
        {
            var entry = _entries[entryIndex];
            var quality = TitleSimilarity.Score(primary, entry);
            var articleOnly = entry.Kind != TitleEntryKind.ShortForm
                && primary.DroppedArticle != entry.Form.DroppedArticle
                && string.Equals(primary.Key, entry.Form.Key, StringComparison.Ordinal);
            if (hasYear)
            {
                quality = TitleDecision.AdjustForYear(quality, year, _movies[entry.MovieIndex].Year);
                if (whole is not null && TitleSimilarity.Score(whole, entry) is var wholeQuality && wholeQuality >= TitleSimilarity.CompactMatch)
                {
                    quality = Math.Max(quality, wholeQuality);
                }
            }

            var existing = best.FindIndex(s => s.MovieIndex == entry.MovieIndex);
            if (existing < 0)
            {
                best.Add(new ScoredMovie(entry.MovieIndex, quality, entry.Title, articleOnly));
            }
            else if (quality > best[existing].Quality)
            {
                best[existing] = new ScoredMovie(entry.MovieIndex, quality, entry.Title, articleOnly);
            }
        }

        return best;
    }

    public IReadOnlyList<TitleCandidate> Suggest(string partialTitle, int maxSuggestions)
    {
        ArgumentNullException.ThrowIfNull(partialTitle);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSuggestions, 1);
        var words = new List<string>();
        TitleKeys.Build(TitleTokenizer.Tokenize(partialTitle).ToArray(), words);
        if (words.Count == 0)
        {
            return [];
        }

        var prefix = string.Join(' ', words);
        var suggestions = PrefixMatches(prefix, maxSuggestions);
        if (suggestions.Count < maxSuggestions)
        {
            foreach (var candidate in Lookup(partialTitle, maxSuggestions).Candidates)
            {
                if (suggestions.Count < maxSuggestions && !suggestions.Any(s => s.Movie.Id == candidate.Movie.Id))
                {
                    suggestions.Add(candidate);
                }
            }
        }

        return suggestions;
    }

    /// <summary>
    /// Returns the best-known movies with a key that starts with <paramref name="prefix"/>. Keys are sorted, so the
    /// matches form one range found by binary search. The score is the share of the key already typed.
    /// </summary>
    private List<TitleCandidate> PrefixMatches(string prefix, int limit)
    {
        var start = LowerBound(prefix);
        var best = new Dictionary<int, (int Entry, double Completion)>();
        for (var i = start; i < _sortedKeys.Length && _sortedKeys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var entryIndex = _sortedKeyEntries[i];
            var movieIndex = _entries[entryIndex].MovieIndex;
            var completion = (double)prefix.Length / _sortedKeys[i].Length;
            if (!best.TryGetValue(movieIndex, out var current) || completion > current.Completion)
            {
                best[movieIndex] = (entryIndex, completion);
            }
        }

        return
        [
            .. best
                .OrderByDescending(pair => _popularity[pair.Key] * (0.5 + pair.Value.Completion))
                .ThenBy(pair => _movies[pair.Key].Id)
                .Take(limit)
                .Select(pair => new TitleCandidate(
                    _movies[pair.Key],
                    Math.Round(0.5 + (0.45 * pair.Value.Completion), 4),
                    _entries[pair.Value.Entry].Title)),
        ];
    }

    /// <summary>
    /// Returns the best-known entries whose key starts with <paramref name="key"/> followed by a space ("harry potter"
    /// for every Harry Potter film, "et" for "E.T. the Extra-Terrestrial"). Trigrams miss these when the query is
    /// much shorter than the titles, because shorter titles share a larger part of their trigrams with it.
    /// </summary>
    private List<int> WholeWordPrefixMatches(string key)
    {
        var matches = new List<int>();
        if (key.Length == 0)
        {
            return matches;
        }

        var prefix = key + " ";
        var start = LowerBound(prefix);
        for (var i = start; i < _sortedKeys.Length && i - start < PrefixScanLimit && _sortedKeys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            matches.Add(_sortedKeyEntries[i]);
        }

        if (matches.Count > PrefixCandidates)
        {
            matches.Sort((a, b) => _popularity[_entries[b].MovieIndex].CompareTo(_popularity[_entries[a].MovieIndex]));
            matches.RemoveRange(PrefixCandidates, matches.Count - PrefixCandidates);
        }

        return matches;
    }

    private int LowerBound(string prefix)
    {
        int low = 0, high = _sortedKeys.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(_sortedKeys[middle], prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static void AddAll(List<int> list, IReadOnlyList<int>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }
    }
}

/// <summary>A movie with the match quality of its best-matching title.</summary>
/// <param name="Quality">The raw similarity from 0 to 1, after the year adjustment.</param>
/// <param name="ArticleOnly">
/// Whether that title's key equals the query's only once a leading article is added or removed ("heat" for "The Heat").
/// </param>
internal readonly record struct ScoredMovie(int MovieIndex, double Quality, string MatchedTitle, bool ArticleOnly = false);
