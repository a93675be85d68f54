namespace ChatBot.Catalog.Titles;

/// <summary>
/// Entries grouped by a string such as their key: a dictionary from the string to its first entry, and a chain
/// array from each entry to the next one with the same string. Two arrays and one dictionary build much faster
/// than a list per group when there are hundreds of thousands of entries.
/// </summary>
internal sealed class EntryGroups
{
    private readonly Dictionary<string, int> _first;
    private readonly int[] _next;

    public EntryGroups(TitleEntry[] entries, Func<TitleForm, string> selector)
    {
        _first = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        _next = new int[entries.Length];
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            var value = selector(entries[i].Form);
            _next[i] = _first.TryGetValue(value, out var following) ? following : -1;
            _first[value] = i;
        }
    }

    /// <summary>Returns the entries with this string in index order, or an empty array.</summary>
    public int[] Find(string value)
    {
        if (!_first.TryGetValue(value, out var entry))
        {
            return [];
        }

        var count = 0;
        for (var i = entry; i >= 0; i = _next[i])
        {
            count++;
        }

        var result = new int[count];
        count = 0;
        for (var i = entry; i >= 0; i = _next[i])
        {
            result[count++] = i;
        }

        return result;
    }
}
