using System.Collections.Frozen;
using System.Globalization;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Turns the words of a title into its lookup key, so that spellings people use for the same title meet.
/// A leading English article is dropped ("godfather" and "The Godfather"), and so is a trailing one after a comma
/// ("Godfather, The"). Roman numerals and number words at a sequel position become digits ("Rocky II" and
/// "rocky 2"). The words "part", "episode", "chapter" and "volume" before a number are dropped ("Godfather: Part II"
/// and "godfather 2"). A few words with two spellings get one ("versus" becomes "vs").
/// </summary>
internal static class TitleKeys
{
    /// <summary>English articles, dropped at the start of every key.</summary>
    public static readonly FrozenSet<string> EnglishArticles = FrozenSet.ToFrozenSet(["the", "a", "an"], StringComparer.Ordinal);

    /// <summary>
    /// Articles of the other languages MovieLens titles use, folded as the tokenizer folds them ("L'" is "l").
    /// A title that starts with one is indexed with and without it, because people drop them too ("Dolce Vita").
    /// </summary>
    public static readonly FrozenSet<string> ForeignArticles = FrozenSet.ToFrozenSet(
        [
            "le", "la", "les", "l", "un", "une", "il", "lo", "gli", "uno", "una", "el", "los", "las",
            "der", "die", "das", "den", "ein", "eine", "det", "ett", "en", "et", "de", "het", "o", "os", "as",
        ],
        StringComparer.Ordinal);

    /// <summary>Words that introduce a sequel or instalment number and are dropped before one.</summary>
    private static readonly FrozenSet<string> NumberMarkers = FrozenSet.ToFrozenSet(
        ["part", "pt", "episode", "ep", "chapter", "vol", "volume"], StringComparer.Ordinal);

    /// <summary>Roman numerals of two letters or more, converted wherever they stand.</summary>
    private static readonly FrozenDictionary<string, string> LongRomanNumerals = new Dictionary<string, string>
    {
        ["ii"] = "2", ["iii"] = "3", ["iv"] = "4", ["vi"] = "6", ["vii"] = "7", ["viii"] = "8", ["ix"] = "9",
        ["xi"] = "11", ["xii"] = "12", ["xiii"] = "13", ["xiv"] = "14", ["xv"] = "15", ["xvi"] = "16",
        ["xvii"] = "17", ["xviii"] = "18", ["xix"] = "19", ["xx"] = "20",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Words that are numbers only at a sequel position: the last word of a title or after a number marker.
    /// "I", "V" and "X" start titles as words ("V for Vendetta", "X-Men"), and "one" or "two" inside a title
    /// are words people keep ("One Flew Over the Cuckoo's Nest").
    /// </summary>
    private static readonly FrozenDictionary<string, string> PositionalNumbers = new Dictionary<string, string>
    {
        ["v"] = "5", ["x"] = "10",
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["thirteen"] = "13", ["fourteen"] = "14", ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17",
        ["eighteen"] = "18", ["nineteen"] = "19", ["twenty"] = "20",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words spelled several ways in titles, mapped to one spelling.</summary>
    private static readonly FrozenDictionary<string, string> Spellings = new Dictionary<string, string>
    {
        ["versus"] = "vs", ["mister"] = "mr", ["saint"] = "st", ["doctor"] = "dr", ["okay"] = "ok",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Writes the key words of <paramref name="tokens"/> to <paramref name="output"/> (cleared first) and returns
    /// whether a leading or trailing English article was dropped.
    /// </summary>
    public static bool Build(ReadOnlySpan<TitleToken> tokens, List<string> output)
    {
        var droppedArticle = false;
        output.Clear();
        var count = tokens.Length;

        // "Godfather, The" as typed from the catalog's own sorting form.
        if (count >= 2 && tokens[^1].FollowsComma && EnglishArticles.Contains(tokens[^1].Text))
        {
            count--;
            droppedArticle = true;
        }

        for (var i = 0; i < count; i++)
        {
            var word = tokens[i].Text;
            var previous = i > 0 ? tokens[i - 1].Text : null;
            output.Add(FoldWord(word, previous, isLast: i == count - 1));
        }

        DropNumberMarkers(output);
        if (output.Count >= 2 && EnglishArticles.Contains(output[0]))
        {
            output.RemoveAt(0);
            droppedArticle = true;
        }

        return droppedArticle;
    }

    /// <summary>Builds the key of a whole written title, as one string of words separated by single spaces.</summary>
    public static string BuildKey(string title)
    {
        var words = new List<string>();
        Build(TitleTokenizer.Tokenize(title).ToArray(), words);
        return string.Join(' ', words);
    }

    /// <summary>Returns whether the word is a whole number written in digits.</summary>
    public static bool IsNumber(string word) => word.Length > 0 && word.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Parses a key word that is a four-digit year, such as "1999".</summary>
    public static bool TryParseYear(string word, out int year) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out year) && word.Length == 4;

    private static string FoldWord(string word, string? previous, bool isLast)
    {
        if (LongRomanNumerals.TryGetValue(word, out var number))
        {
            return number;
        }

        var afterMarker = previous is not null && NumberMarkers.Contains(previous);
        if (word == "i" && afterMarker)
        {
            return "1";
        }

        if ((isLast || afterMarker) && previous is not null && PositionalNumbers.TryGetValue(word, out number))
        {
            return number;
        }

        return Spellings.GetValueOrDefault(word, word);
    }

    private static void DropNumberMarkers(List<string> words)
    {
        for (var i = words.Count - 2; i >= 1; i--)
        {
            if (NumberMarkers.Contains(words[i]) && IsNumber(words[i + 1]))
            {
                words.RemoveAt(i);
            }
        }
    }
}
