namespace ChatBot.Catalog.Titles;

/// <summary>
/// Suggests the title words one typing error away from a word that no title uses ("shawshenk" gives "shawshank").
/// It uses the symmetric deletion method. Each title word is stored with every form of it that lacks one letter, so
/// two words one insertion, deletion, substitution or swap of neighbouring letters apart share a stored form. Forms are
/// kept as 64-bit hashes in one sorted array, about 12 bytes per form, and every suggestion is checked letter by
/// letter, so a hash collision costs time but never gives a wrong word. The NuGet mirror serves no spelling-suggestion
/// library, and FuzzySharp or Quickenshtein would have to compare the word with every title word.
/// </summary>
internal sealed class TitleWordCorrector
{
    /// <summary>The fewest letters a word needs on both sides to be corrected; shorter words are too often other words.</summary>
    public const int MinLength = 5;

    private readonly string[] _words;
    private readonly ulong[] _hashes;
    private readonly int[] _wordOfHash;

    public TitleWordCorrector(IEnumerable<string> titleWords)
    {
        _words = [.. titleWords.Where(w => w.Length >= MinLength && !TitleKeys.IsNumber(w)).Distinct(StringComparer.Ordinal)];
        _hashes = new ulong[_words.Sum(w => w.Length + 1)];
        _wordOfHash = new int[_hashes.Length];
        var position = 0;
        for (var word = 0; word < _words.Length; word++)
        {
            var text = _words[word];
            for (var deleted = -1; deleted < text.Length; deleted++)
            {
                _hashes[position] = Hash(text, deleted);
                _wordOfHash[position++] = word;
            }
        }

        Array.Sort(_hashes, _wordOfHash);
    }

    /// <summary>Returns the title words one typing error from <paramref name="word"/>, in index order, without duplicates.</summary>
    public List<string> Suggest(string word)
    {
        var suggestions = new List<string>();
        if (word.Length < MinLength)
        {
            return suggestions;
        }

        for (var deleted = -1; deleted < word.Length; deleted++)
        {
            var hash = Hash(word, deleted);
            for (var i = LowerBound(hash); i < _hashes.Length && _hashes[i] == hash; i++)
            {
                var candidate = _words[_wordOfHash[i]];
                if (!suggestions.Contains(candidate) && IsOneEditApart(word, candidate))
                {
                    suggestions.Add(candidate);
                }
            }
        }

        return suggestions;
    }

    /// <summary>
    /// Returns whether the words differ by exactly one inserted, deleted or substituted letter, or by two neighbouring
    /// letters swapped.
    /// </summary>
    public static bool IsOneEditApart(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        if (a.Length - b.Length > 1 || string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        var first = 0;
        while (first < b.Length && a[first] == b[first])
        {
            first++;
        }

        if (a.Length != b.Length)
        {
            return a.AsSpan(first + 1).SequenceEqual(b.AsSpan(first));
        }

        if (a.AsSpan(first + 1).SequenceEqual(b.AsSpan(first + 1)))
        {
            return true;
        }

        return first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first]
            && a.AsSpan(first + 2).SequenceEqual(b.AsSpan(first + 2));
    }

    /// <summary>Hashes the word with the letter at <paramref name="deleted"/> left out (none when it is -1), by FNV-1a.</summary>
    private static ulong Hash(string word, int deleted)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < word.Length; i++)
        {
            if (i != deleted)
            {
                hash = (hash ^ word[i]) * 1099511628211UL;
            }
        }

        return hash;
    }

    private int LowerBound(ulong hash)
    {
        int low = 0, high = _hashes.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_hashes[middle] < hash)
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
}
