using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Finds catalog titles named inside free text. Quoted and emphasised phrases ("Heat", “Heat”, **Heat**) are
/// resolved with the forgiving lookup. The rest of the text is scanned for runs of words whose key equals a
/// title's key, longest run first. Runs of capitalised words are resolved with the forgiving lookup first, so a
/// misspelt title in title case is found too ("The Shawshenk Redemption").
/// A run of everyday words ("her", "it", "up", "the heat"), a short key or a bare number counts only with evidence.
/// Evidence is title capitals away from the start of a sentence, a year after the run, "movie" or "film" before it,
/// or words joined by a hyphen ("spider-man").
/// </summary>
internal sealed class MentionExtractor(TitleIndex index)
{
    /// <summary>The longest run of words tried as one unquoted title.</summary>
    private const int MaxWindow = 12;

    /// <summary>The most words a quoted phrase may have to be kept whole when it names no catalog title.</summary>
    private const int ShortQuote = 6;

    /// <summary>The confidence of an unquoted run that matches a main or alternate title's key exactly.</summary>
    private const double ExactConfidence = 0.95;

    /// <summary>The confidence of an unquoted run that matches a title's part before its subtitle or its key without spaces.</summary>
    private const double PartialConfidence = 0.85;

    /// <summary>The match quality a capitalised run needs from the forgiving lookup to count as a mention.</summary>
    private const double CapitalisedRunQuality = 0.85;

    /// <summary>The factor applied to a run of everyday words that was accepted on evidence, and to a misspelt capitalised run.</summary>
    private const double RiskyFactor = 0.85;

    public IReadOnlyList<TitleMention> Extract(string text)
    {
        var tokens = TitleTokenizer.Tokenize(text).ToArray();
        var found = new List<Found>();
        var covered = new bool[tokens.Length];
        FindQuoted(text, tokens, covered, found);
        FindCapitalisedRuns(text, tokens, covered, found);
        FindUnquoted(text, tokens, covered, found);
        found.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));

        var mentions = new TitleMention[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var mention = found[i];
            var sentiment = MentionSentimentReader.Read(tokens, covered, mention.FirstToken, mention.EndToken);
            mentions[i] = new TitleMention(
                mention.Start, mention.End - mention.Start, text[mention.Start..mention.End], index.MovieAt(mention.MovieIndex), mention.Confidence, sentiment);
        }

        return mentions;
    }

    private void FindQuoted(string text, TitleToken[] tokens, bool[] covered, List<Found> found)
    {
        foreach (var phrase in QuoteFinder.Find(text))
        {
            var first = FirstTokenAtOrAfter(tokens, phrase.ContentStart);
            var end = first;
            while (end < tokens.Length && tokens[end].End <= phrase.ContentEnd)
            {
                end++;
            }

            if (end == first || end - first > MaxWindow || covered.AsSpan(first, end - first).Contains(true))
            {
                continue;
            }

            var query = text[phrase.ContentStart..phrase.ContentEnd];
            var mentionEnd = phrase.CloseEnd;
            var endToken = end;
            if (TryReadYear(text, tokens, end, phrase.CloseEnd, out var year, out var yearEnd))
            {
                query += $" ({year})";
                mentionEnd = yearEnd;
                endToken = end + 1;
            }

            var (lookup, quality) = index.LookupWithQuality(query, 3);
            var clearlyNamed = lookup.Status == TitleMatchStatus.Match
                || (lookup.Status == TitleMatchStatus.Ambiguous && quality >= TitleDecision.MatchFrom);
            if (!clearlyNamed)
            {
                // A short quoted phrase names one thing; titles inside it ("Avengers" in "Avengers: Endgame") are not meant.
                if (end - first <= ShortQuote)
                {
                    Array.Fill(covered, true, first, end - first);
                }

                continue;
            }

            var best = lookup.Candidates[0];
            found.Add(new Found(first, endToken, phrase.OpenStart, mentionEnd, index.MovieIndexOf(best.Movie), best.Score));
            Array.Fill(covered, true, first, endToken - first);
        }
    }

    /// <remarks>
    /// NOTE: unquoted runs match title keys exactly, so a misspelt title in lower case ("the shawshenk redemption
    /// was great") is not found. Only quoted and title-case runs go through the forgiving lookup.
    /// </remarks>
    private void FindUnquoted(string text, TitleToken[] tokens, bool[] covered, List<Found> found)
    {
        var words = new List<string>();
        var capitalisedText = IsMostlyCapitalised(tokens);
        var start = 0;
        while (start < tokens.Length)
        {
            var match = covered[start] ? null : MatchAt(text, tokens, covered, start, words, capitalisedText);
            if (match is { } mention)
            {
                found.Add(mention);
                Array.Fill(covered, true, mention.FirstToken, mention.EndToken - mention.FirstToken);
                start = mention.EndToken;
            }
            else
            {
                start++;
            }
        }
    }

    /// <summary>
    /// Resolves runs of two or more capitalised words ("The Shawshenk Redemption") with the forgiving lookup, and
    /// keeps those it resolves as a clear match. Capitals mark a name, so a near miss there is most likely a misspelt
    /// title rather than an ordinary phrase. This runs before the exact scan, which would otherwise take a title
    /// inside the run ("Redemption") for the whole.
    /// </summary>
    private void FindCapitalisedRuns(string text, TitleToken[] tokens, bool[] covered, List<Found> found)
    {
        if (IsMostlyCapitalised(tokens))
        {
            // In headlines and shouting every run is capitalised, so capitals mark no name.
            return;
        }

        var start = 0;
        while (start < tokens.Length)
        {
            if (covered[start] || tokens[start].Shape != WordShape.Capitalised || tokens[start].Length < 2)
            {
                start++;
                continue;
            }

            var end = start + 1;
            var lastCapitalised = start;
            while (end < tokens.Length && end - start < MaxWindow && !covered[end] && !tokens[end].SentenceBefore
                && (tokens[end].Shape is WordShape.Capitalised or WordShape.Upper or WordShape.Number || MinorWords.Contains(tokens[end].Text)))
            {
                if (tokens[end].Shape is WordShape.Capitalised or WordShape.Upper)
                {
                    lastCapitalised = end;
                }

                end++;
            }

            // A run ends on a capitalised word or on a sequel number after one ("Die Hard 2"), but not on a year,
            // which the exact scan reads as the year of the title before it.
            end = lastCapitalised + 1;
            if (end < tokens.Length && !covered[end] && !tokens[end].BreakBefore && tokens[end].Shape == WordShape.Number
                && !(TitleKeys.TryParseYear(tokens[end].Text, out var year) && TitleYear.IsPlausible(year)))
            {
                end++;
            }

            if (end - start >= 2)
            {
                TryAddCapitalisedRun(text, tokens, covered, found, start, end);
            }

            start = end;
        }
    }

    private void TryAddCapitalisedRun(string text, TitleToken[] tokens, bool[] covered, List<Found> found, int start, int end)
    {
        // When the whole run does not resolve, its first word may be a name or a sentence start before the title
        // ("Desperado or Mission: Impossible II", "Yesterday The Matrix"), so the run is tried once without it and
        // without the minor words that follow it.
        if (HasExactTitle(tokens, start, end))
        {
            return;
        }

        var query = text[tokens[start].Start..tokens[end - 1].End];
        var (lookup, quality) = index.LookupWithQuality(query, 1);
        if (lookup.Status != TitleMatchStatus.Match || quality < CapitalisedRunQuality)
        {
            start++;
            while (start < end && MinorWords.Contains(tokens[start].Text))
            {
                start++;
            }

            if (end - start < 2 || HasExactTitle(tokens, start, end))
            {
                return;
            }

            query = text[tokens[start].Start..tokens[end - 1].End];
            (lookup, quality) = index.LookupWithQuality(query, 1);
            if (lookup.Status != TitleMatchStatus.Match || quality < CapitalisedRunQuality)
            {
                return;
            }
        }

        var best = lookup.Candidates[0];
        var confidence = quality >= TitleSimilarity.CompactMatch ? best.Score : best.Score * RiskyFactor;
        found.Add(new Found(start, end, tokens[start].Start, tokens[end - 1].End, index.MovieIndexOf(best.Movie), Math.Round(confidence, 4)));
        Array.Fill(covered, true, start, end - start);
    }

    /// <summary>
    /// Returns whether the run spells a title's key exactly, which the exact scan then finds at less cost than the
    /// forgiving lookup.
    /// </summary>
    private bool HasExactTitle(TitleToken[] tokens, int start, int end)
    {
        var words = new List<string>(end - start);
        TitleKeys.Build(tokens.AsSpan(start, end - start), words);
        return words.Count > 0 && index.FindByKey(string.Join(' ', words)).Length > 0;
    }

    /// <summary>Returns the longest title that starts at token <paramref name="start"/> and passes the guards, or null.</summary>
    private Found? MatchAt(string text, TitleToken[] tokens, bool[] covered, int start, List<string> words, bool capitalisedText)
    {
        // Runs longer than the longest key that starts with the run's first key word cannot match. The slack covers
        // a dropped leading article and words the key leaves out ("part" in "part 2").
        TitleKeys.Build(tokens.AsSpan(start, Math.Min(2, tokens.Length - start)), words);
        var keyWords = words.Count > 0 ? index.MaxKeyWords(words[0]) : 0;
        var longest = Math.Min(Math.Min(MaxWindow, Math.Max(1, keyWords + 3)), tokens.Length - start);
        for (var length = 1; length < longest; length++)
        {
            if (covered[start + length] || tokens[start + length].SentenceBefore)
            {
                longest = length;
                break;
            }
        }

        for (var length = longest; length >= 1; length--)
        {
            var window = tokens.AsSpan(start, length);
            var droppedArticle = TitleKeys.Build(window, words);
            if (words.Count == 0)
            {
                continue;
            }

            var key = string.Join(' ', words);
            var entries = index.FindByKey(key);
            var partial = false;
            if (entries.Length == 0)
            {
                entries = index.FindByCompact(string.Concat(words));
                partial = true;
                if (entries.Length == 0 || words.Count > 1)
                {
                    // Only a single written word may stand for a spaced title ("spiderman"); longer runs would join unrelated words.
                    continue;
                }
            }

            var end = start + length;
            var hasYear = TryReadYear(text, tokens, end, tokens[end - 1].End, out var year, out var yearEnd);
            if (IsRisky(words, entries) && !HasEvidence(text, tokens, start, end, hasYear, capitalisedText))
            {
                continue;
            }

            return Choose(tokens, start, end, entries, droppedArticle, partial, hasYear ? year : null, yearEnd, IsRisky(words, entries));
        }

        return null;
    }

    private Found Choose(
        TitleToken[] tokens, int start, int end, int[] entries, bool droppedArticle, bool partial, int? year, int yearEnd, bool risky)
    {
        // Prefer the entry whose article use matches the text ("heat" for Heat, "the heat" for The Heat), then a
        // movie of the written year, then the better-known movie.
        var movies = entries
            .Select(index.Entry)
            .GroupBy(e => e.MovieIndex)
            .Select(g => (
                MovieIndex: g.Key,
                Article: g.Any(e => e.Form.DroppedArticle == droppedArticle),
                ShortForm: g.All(e => e.Kind == TitleEntryKind.ShortForm),
                Popularity: index.PopularityAt(g.Key)))
            .ToList();
        if (movies.Any(m => m.Article))
        {
            movies.RemoveAll(m => !m.Article);
        }

        var endToken = end;
        var mentionEnd = tokens[end - 1].End;
        if (year is { } written && movies.Where(m => index.MovieAt(m.MovieIndex).Year == written).ToList() is { Count: > 0 } ofYear)
        {
            movies = ofYear;
            endToken = end + 1;
            mentionEnd = yearEnd;
        }

        var best = movies.MaxBy(m => (m.ShortForm ? 0 : 1, m.Popularity));
        var share = best.Popularity / movies.Sum(m => m.Popularity);
        var confidence = (partial || best.ShortForm ? PartialConfidence : ExactConfidence) * share * (risky ? RiskyFactor : 1);
        return new Found(start, endToken, tokens[start].Start, mentionEnd, best.MovieIndex, Math.Round(confidence, 4));
    }

    /// <summary>
    /// Returns whether a run needs evidence. It does when all its words are everyday words or numbers, or when its
    /// key is shorter than four characters. A single word needs it too when no main title is spelled that way, only
    /// an alternate title, a title's first part or a title without its foreign article ("boot" of "Das Boot").
    /// </summary>
    private bool IsRisky(List<string> words, int[] entries)
    {
        if (words.All(w => MentionLexicon.CommonWords.Contains(w) || TitleKeys.IsNumber(w)))
        {
            return true;
        }

        if (words.Sum(w => w.Length) < 4)
        {
            return true;
        }

        return words.Count == 1
            && !entries.Any(e => index.Entry(e) is { Kind: TitleEntryKind.Main } entry && !IsForeignArticleDropped(entry));
    }

    private static bool IsForeignArticleDropped(TitleEntry entry) =>
        entry.Form.DroppedArticle && !TitleKeys.EnglishArticles.Any(a => entry.Title.StartsWith(a + " ", StringComparison.OrdinalIgnoreCase));

    private static bool HasEvidence(string text, TitleToken[] tokens, int start, int end, bool hasYear, bool capitalisedText)
    {
        if (hasYear)
        {
            return true;
        }

        var before = start - 1;
        if (before >= 0 && TitleKeys.EnglishArticles.Contains(tokens[before].Text))
        {
            before--;
        }

        if (before >= 0 && MentionLexicon.TitleCues.Contains(tokens[before].Text))
        {
            return true;
        }

        // Words joined by a hyphen, dot or other mark with no space ("spider-man", "wall·e") form a name, not a phrase.
        for (var i = start + 1; i < end; i++)
        {
            if (tokens[i].Start == tokens[i - 1].End + 1 && text[tokens[i - 1].End] is not ' ' and not ',')
            {
                return true;
            }
        }

        return !capitalisedText && IsCapitalisedAsTitle(tokens, start, end);
    }

    /// <summary>
    /// Returns whether every content word of the run is capitalised and the capitals are not explained by grammar:
    /// a single word at the start of a sentence, or the pronoun "I", is capitalised anyway.
    /// </summary>
    private static bool IsCapitalisedAsTitle(TitleToken[] tokens, int start, int end)
    {
        var contentWords = 0;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Shape == WordShape.Number)
            {
                continue;
            }

            var minor = i > start && MinorWords.Contains(token.Text);
            if (minor)
            {
                continue;
            }

            if (token.Shape != WordShape.Capitalised || token.Length < 2)
            {
                return false;
            }

            contentWords++;
        }

        var sentenceStart = start == 0 || tokens[start].SentenceBefore;
        return contentWords > 0 && !(sentenceStart && contentWords == 1);
    }

    /// <summary>Words that title case leaves in lower case ("Stand by Me", "As Good as It Gets").</summary>
    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "of", "and", "in", "on", "to", "for", "at", "by", "with", "or", "from", "as", "but", "nor", "into",
        "over", "via", "vs",
    };

    /// <summary>
    /// Returns whether more than three in four words away from sentence starts are capitalised or upper-case, as in
    /// headlines and shouting, where capitals are no evidence of a title. A short message naming a title in title
    /// case ("I watched The Shawshank Redemption again") stays below that share.
    /// </summary>
    private static bool IsMostlyCapitalised(TitleToken[] tokens)
    {
        int words = 0, capitalised = 0;
        for (var i = 1; i < tokens.Length; i++)
        {
            if (tokens[i].Shape == WordShape.Number || tokens[i].SentenceBefore || tokens[i].Text == "i")
            {
                continue;
            }

            words++;
            capitalised += tokens[i].Shape is WordShape.Capitalised or WordShape.Upper ? 1 : 0;
        }

        return words >= 4 && capitalised * 4 > words * 3;
    }

    /// <summary>Reads a year right after a title: "Heat (1995)" or "Heat 1995".</summary>
    private static bool TryReadYear(string text, TitleToken[] tokens, int tokenIndex, int from, out int year, out int end)
    {
        year = 0;
        end = from;
        if (tokenIndex >= tokens.Length)
        {
            return false;
        }

        var token = tokens[tokenIndex];
        if (token.Shape != WordShape.Number || !TitleKeys.TryParseYear(token.Text, out year) || !TitleYear.IsPlausible(year))
        {
            return false;
        }

        var between = text.AsSpan(from, token.Start - from).Trim();
        if (between.Length > 1 || (between.Length == 1 && between[0] is not '(' and not '['))
        {
            return false;
        }

        end = token.End;
        if (between.Length == 1 && end < text.Length && text[end] is ')' or ']')
        {
            end++;
        }

        return true;
    }

    private static int FirstTokenAtOrAfter(TitleToken[] tokens, int position)
    {
        var i = 0;
        while (i < tokens.Length && tokens[i].Start < position)
        {
            i++;
        }

        return i;
    }

    /// <summary>A mention found in the text, by token range and character range.</summary>
    private readonly record struct Found(int FirstToken, int EndToken, int Start, int End, int MovieIndex, double Confidence);
}
