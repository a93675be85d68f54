using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Finds catalog titles named inside free text. First, a title written with its year in brackets
/// ("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)") is matched as a whole when a
/// catalog title of that year has the same key, longest run first, so no shorter title inside it fires.
/// Quoted and emphasised phrases ("Heat", “Heat”, **Heat**) are resolved with the forgiving lookup. The rest of the
/// text is scanned for runs of words whose key equals a title's key, longest run first. Runs of capitalised words are
/// resolved with the forgiving lookup first, so a misspelt title in title case is found too ("The Shawshenk Redemption").
/// A misspelt title in lower case is found by replacing words that no title uses with title words one typing error
/// away ("the shawshenk redemption"). A run of everyday words ("her", "it", "up", "the heat"), a short key or a bare number counts only with evidence.
/// Evidence is title capitals away from the start of a sentence, a year after the run, "movie" or "film" before it,
/// or words joined by a hyphen ("spider-man"). Capitals are no evidence when they belong to a longer name.
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

    /// <summary>
    /// How much lower the match quality of a capitalised run without its sentence-start word may be, for that shorter
    /// run to be taken. The extra word is more often a verb or an adverb ("Watch", "Yesterday") than part of the title.
    /// </summary>
    private const double SentenceStartTolerance = 0.02;

    /// <summary>The factor applied to a title whose written year is one off its catalog year.</summary>
    private const double OffByOneYearFactor = 0.9;

    /// <summary>
    /// How many words a run before a bracketed year may have beyond the longest key, for words that keys leave out:
    /// a leading article, "part" before a number, a trailing ", The".
    /// </summary>
    private const int DatedRunSlack = 3;

    public IReadOnlyList<TitleMention> Extract(string text)
    {
        var scan = new Scan(text, [.. TitleTokenizer.Tokenize(text)]);
        FindDatedTitles(scan);
        FindQuoted(scan);
        FindCapitalisedRuns(scan);
        FindMisspelt(scan);
        FindUnquoted(scan);
        var found = scan.Found;
        found.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));

        var mentions = new TitleMention[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var mention = found[i];
            var sentiment = MentionSentimentReader.Read(scan.Tokens, scan.Covered, mention.FirstToken, mention.EndToken);
            mentions[i] = new TitleMention(
                mention.Start, mention.End - mention.Start, text[mention.Start..mention.End], index.MovieAt(mention.MovieIndex), mention.Confidence, sentiment);
        }

        return mentions;
    }

    /// <summary>
    /// Finds titles written with their year in brackets, as the reply generator and the language model write them
    /// ("Pulp Fiction (1994), Forrest Gump (1994) and ..."). The run of words before each year is matched against
    /// title keys of that year, longest run first, so the whole title wins over shorter titles inside it. The run may
    /// cross sentence punctuation ("Tora! Tora! Tora! (1970)"), because a key and its year must both match.
    /// </summary>
    private void FindDatedTitles(Scan scan)
    {
        var tokens = scan.Tokens;
        var words = new List<string>();
        var longest = index.LongestKeyWords + DatedRunSlack;
        for (var yearToken = 0; yearToken < tokens.Length; yearToken++)
        {
            var (year, yearEnd) = scan.BracketedYears[yearToken];
            if (year == 0 || scan.Covered[yearToken])
            {
                continue;
            }

            var earliest = yearToken;
            while (earliest > 0 && yearToken - earliest < longest && !scan.Covered[earliest - 1] && scan.BracketedYears[earliest - 1].Year == 0)
            {
                earliest--;
            }

            for (var start = earliest; start < yearToken; start++)
            {
                if (!CanStartName(scan, start))
                {
                    continue;
                }

                var droppedArticle = TitleKeys.Build(tokens.AsSpan(start, yearToken - start), words);
                if (words.Count == 0 || words.Count > index.MaxKeyWords(words[0]))
                {
                    continue;
                }

                var partial = false;
                var entries = OfYear(index.FindByKey(string.Join(' ', words)), year);
                if (entries.Length == 0)
                {
                    entries = OfYear(index.FindByCompact(string.Concat(words)), year);
                    partial = true;
                }

                if (entries.Length > 0 && Choose(tokens, start, yearToken, entries, droppedArticle, partial, year, yearEnd, risky: false) is { } mention)
                {
                    scan.Add(WithQuotes(scan, mention));
                    break;
                }
            }
        }
    }

    private int[] OfYear(int[] entries, int year) =>
        entries.Length == 0 ? entries : [.. entries.Where(e => index.MovieAt(index.Entry(e).MovieIndex).Year == year)];

    /// <summary>
    /// Returns whether a title may start at token <paramref name="start"/>. It may not start inside a quoted phrase,
    /// which names one thing, nor right after a capitalised word of the same name, because then it is the end of a
    /// longer title ("King" in "Return of the King"). A capitalised word that starts a sentence does not count, and
    /// neither does a possessive, after which a new name starts ("Michael Mann's Heat (1995)").
    /// </summary>
    private static bool CanStartName(Scan scan, int start)
    {
        if (start == 0)
        {
            return true;
        }

        var token = scan.Tokens[start];
        var previous = scan.Tokens[start - 1];
        foreach (var phrase in scan.Quoted)
        {
            if (phrase.ContentStart <= previous.Start && token.End <= phrase.ContentEnd)
            {
                return false;
            }
        }

        return !(IsJoined(token) && IsNameWord(previous) && !StartsSentence(scan.Tokens, start - 1) && !IsPossessive(scan.Text, previous));
    }

    /// <summary>
    /// Widens a mention to the quote marks around it when a quoted phrase contains exactly its title (“Heat” (1995)),
    /// or its title and year.
    /// </summary>
    private static Found WithQuotes(Scan scan, Found mention)
    {
        foreach (var phrase in scan.Quoted)
        {
            var first = FirstTokenAtOrAfter(scan.Tokens, phrase.ContentStart);
            var end = first;
            while (end < scan.Tokens.Length && scan.Tokens[end].End <= phrase.ContentEnd)
            {
                end++;
            }

            if (first == mention.FirstToken && end > first && end <= mention.EndToken)
            {
                return mention with { Start = phrase.OpenStart, End = Math.Max(mention.End, phrase.CloseEnd) };
            }
        }

        return mention;
    }

    private void FindQuoted(Scan scan)
    {
        var (text, tokens, covered) = (scan.Text, scan.Tokens, scan.Covered);
        foreach (var phrase in scan.Quoted)
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
            scan.Add(new Found(first, endToken, phrase.OpenStart, mentionEnd, index.MovieIndexOf(best.Movie), best.Score));
        }
    }

    /// <remarks>
    /// Unquoted runs match title keys exactly here. Misspelt titles in lower case were found by <see cref="FindMisspelt"/>.
    /// </remarks>
    private void FindUnquoted(Scan scan)
    {
        var words = new List<string>();
        var capitalisedText = IsMostlyCapitalised(scan.Tokens);
        var start = 0;
        while (start < scan.Tokens.Length)
        {
            var match = scan.Covered[start] ? null : MatchAt(scan, start, words, capitalisedText);
            if (match is { } mention)
            {
                scan.Add(mention);
                start = mention.EndToken;
            }
            else
            {
                start++;
            }
        }
    }

    /// <summary>
    /// Finds titles with a typing error in words that no title uses ("the shawshenk redemption was great"). Each such
    /// word of five letters or more that is no everyday word is replaced by the title words one error away, in turn,
    /// and the exact scan runs again over the runs that hold it. A corrected title counts only when its key has two words or more and it is a whole main
    /// or alternate title, not the part before a subtitle. One word one letter off a title is as likely an everyday
    /// word or its plural ("romantic" and The Romantics, "thinking" and The Thinning). A part before a subtitle is
    /// often a name ("Robin Willians" and Robin Williams: Live on Broadway). This runs before the exact scan,
    /// which would otherwise take a title inside the misspelt one ("batman" in "batman foreever") for the whole.
    /// </summary>
    /// <remarks>
    /// NOTE: a misspelt one-word title in lower case ("i loved incepton") is not found, nor is a typing error that
    /// makes another title word ("forest gump").
    /// </remarks>
    private void FindMisspelt(Scan scan)
    {
        var tokens = scan.Tokens;
        TitleToken[]? corrected = null;
        var suggestions = new List<string>[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = tokens[i].Text;
            if (scan.Covered[i] || word.Length < TitleWordCorrector.MinLength || tokens[i].Shape == WordShape.Number
                || index.IsTitleWord(word) || MentionLexicon.CommonWords.Contains(word))
            {
                continue;
            }

            var words = index.Corrector.Suggest(word);
            if (words.Count > 0)
            {
                suggestions[i] = words;
                corrected ??= (TitleToken[])tokens.Clone();
                corrected[i] = tokens[i] with { Text = words[0] };
            }
        }

        if (corrected is null)
        {
            return;
        }

        var correctedScan = scan.WithTokens(corrected);
        var capitalisedText = IsMostlyCapitalised(tokens);
        var keyWords = new List<string>();
        for (var misspelt = 0; misspelt < tokens.Length; misspelt++)
        {
            if (suggestions[misspelt] is not { } words || scan.Covered[misspelt])
            {
                continue;
            }

            Found? found = null;
            foreach (var word in words)
            {
                corrected[misspelt] = tokens[misspelt] with { Text = word };
                found = FindAround(correctedScan, misspelt, keyWords, capitalisedText);
                if (found is { } mention)
                {
                    scan.Add(mention with { Confidence = Math.Round(mention.Confidence * RiskyFactor, 4) });
                    break;
                }
            }

            if (found is null)
            {
                corrected[misspelt] = tokens[misspelt] with { Text = words[0] };
            }
        }
    }

    /// <summary>Returns the title found by the exact scan that contains token <paramref name="misspelt"/>, or null.</summary>
    private Found? FindAround(Scan scan, int misspelt, List<string> words, bool capitalisedText)
    {
        for (var start = Math.Max(0, misspelt - MaxWindow + 1); start <= misspelt; start++)
        {
            if (scan.Covered.AsSpan(start, misspelt - start + 1).Contains(true) || CrossesSentence(scan.Tokens, start, misspelt))
            {
                continue;
            }

            if (MatchAt(scan, start, words, capitalisedText, wholeTitlesOnly: true) is { } mention && mention.EndToken > misspelt)
            {
                return mention;
            }
        }

        return null;
    }

    private static bool CrossesSentence(TitleToken[] tokens, int first, int last)
    {
        for (var i = first + 1; i <= last; i++)
        {
            if (tokens[i].SentenceBefore)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Resolves runs of two or more capitalised words ("The Shawshenk Redemption") with the forgiving lookup, and
    /// keeps those it resolves as a clear match. Capitals mark a name, so a near miss there is most likely a misspelt
    /// title rather than an ordinary phrase. This runs before the exact scan, which would otherwise take a title
    /// inside the run ("Redemption") for the whole.
    /// </summary>
    private void FindCapitalisedRuns(Scan scan)
    {
        var (tokens, covered) = (scan.Tokens, scan.Covered);
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
                TryAddCapitalisedRun(scan, start, end);
            }

            start = end;
        }
    }

    /// <remarks>
    /// A bracketed year right after the run joins the query, so it confirms the title or rules it out
    /// ("The Lord of the Rings: Return of the King (2003)").
    /// </remarks>
    private void TryAddCapitalisedRun(Scan scan, int start, int end)
    {
        var (text, tokens) = (scan.Text, scan.Tokens);
        if (HasExactTitle(tokens, start, end))
        {
            return;
        }

        var (year, yearEnd) = end < tokens.Length && !scan.Covered[end] ? scan.BracketedYears[end] : default;
        var yearSuffix = year == 0 ? string.Empty : $" ({year})";
        var whole = Resolve(start);

        // The first word may be a name or a sentence start before the title ("Desperado or Mission: Impossible II",
        // "Watch The Lord of the Rings: Return of the King"). So the run is tried without it and without the minor
        // words other than articles that follow it. That happens when the whole run does not resolve, and after a
        // sentence start, where the shorter run wins unless it fits clearly worse.
        var shorterStart = start + 1;
        while (shorterStart < end && MinorWords.Contains(tokens[shorterStart].Text) && !TitleKeys.EnglishArticles.Contains(tokens[shorterStart].Text))
        {
            shorterStart++;
        }

        var sentenceStart = StartsSentence(tokens, start) && !MinorWords.Contains(tokens[start].Text);
        if ((whole is null || sentenceStart) && end - shorterStart >= 2)
        {
            if (HasExactTitle(tokens, shorterStart, end))
            {
                // The exact scan finds the shorter run.
                return;
            }

            if (Resolve(shorterStart) is { } shorter && (whole is null || shorter.Quality >= whole.Value.Quality - SentenceStartTolerance))
            {
                whole = shorter;
                start = shorterStart;
            }
        }

        if (whole is not { } resolved)
        {
            return;
        }

        var best = resolved.Lookup.Candidates[0];
        var confidence = resolved.Quality >= TitleSimilarity.CompactMatch ? best.Score : best.Score * RiskyFactor;
        var (endToken, mentionEnd) = year == 0 ? (end, tokens[end - 1].End) : (end + 1, yearEnd);
        scan.Add(new Found(start, endToken, tokens[start].Start, mentionEnd, index.MovieIndexOf(best.Movie), Math.Round(confidence, 4)));

        (TitleLookup Lookup, double Quality)? Resolve(int from)
        {
            var query = text[tokens[from].Start..tokens[end - 1].End] + yearSuffix;
            var (lookup, quality) = index.LookupWithQuality(query, 1);
            return lookup.Status == TitleMatchStatus.Match && quality >= CapitalisedRunQuality ? (lookup, quality) : null;
        }
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
    /// <param name="wholeTitlesOnly">Whether only keys of two words or more that belong to a main or alternate title count.</param>
    private Found? MatchAt(Scan scan, int start, List<string> words, bool capitalisedText, bool wholeTitlesOnly = false)
    {
        var (text, tokens, covered) = (scan.Text, scan.Tokens, scan.Covered);
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
            if (wholeTitlesOnly)
            {
                entries = words.Count < 2 ? [] : [.. entries.Where(e => index.Entry(e).Kind != TitleEntryKind.ShortForm)];
                if (entries.Length == 0)
                {
                    continue;
                }
            }

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
            if (length == 1 && IsPartOfName(text, tokens, start))
            {
                continue;
            }

            var hasYear = TryReadYear(text, tokens, end, tokens[end - 1].End, out var year, out var yearEnd);
            if (length == 1 && !hasYear && IsKindBeforeNoun(text, tokens, start))
            {
                continue;
            }

            if (IsRisky(words, entries) && !HasEvidence(scan, start, end, hasYear, capitalisedText))
            {
                continue;
            }

            if (Choose(tokens, start, end, entries, droppedArticle, partial, hasYear ? year : null, yearEnd, IsRisky(words, entries)) is { } chosen)
            {
                return chosen;
            }
        }

        return null;
    }

    /// <summary>
    /// Picks the movie a matched run names, or returns null when a year written after it rules out every movie with
    /// that title ("Monsters (2020)" is not Monsters (2010)). A year one off is forgiven at a lower confidence, as a
    /// release-date difference.
    /// </summary>
    private Found? Choose(
        TitleToken[] tokens, int start, int end, int[] entries, bool droppedArticle, bool partial, int? year, int yearEnd, bool risky)
    {
        // Prefer a movie of the written year, then the entry whose article use matches the text ("heat" for Heat,
        // "the heat" for The Heat), then the better-known movie.
        var movies = entries
            .Select(index.Entry)
            .GroupBy(e => e.MovieIndex)
            .Select(g => (
                MovieIndex: g.Key,
                Article: g.Any(e => e.Form.DroppedArticle == droppedArticle),
                ShortForm: g.All(e => e.Kind == TitleEntryKind.ShortForm),
                Popularity: index.PopularityAt(g.Key),
                YearsOff: year is { } written && index.MovieAt(g.Key).Year is { } released ? Math.Abs(released - written) : int.MaxValue))
            .ToList();

        var endToken = end;
        var mentionEnd = tokens[end - 1].End;
        var yearFactor = 1.0;
        if (year is not null)
        {
            var closest = movies.Min(m => m.YearsOff);
            if (closest > 1)
            {
                return null;
            }

            movies.RemoveAll(m => m.YearsOff != closest);
            endToken = end + 1;
            mentionEnd = yearEnd;
            yearFactor = closest == 0 ? 1 : OffByOneYearFactor;
        }

        if (movies.Any(m => m.Article))
        {
            movies.RemoveAll(m => !m.Article);
        }

        var best = movies.MaxBy(m => (m.ShortForm ? 0 : 1, m.Popularity));
        var share = best.Popularity / movies.Sum(m => m.Popularity);
        var confidence = (partial || best.ShortForm ? PartialConfidence : ExactConfidence) * share * (risky ? RiskyFactor : 1) * yearFactor;
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

    /// <summary>
    /// Returns true for one lower-case word right before "movies", "films" or "flicks": a kind of movie ("heist movies",
    /// "zombie films"), not the title Heist. A title before the noun is written with capitals, quotes or a year.
    /// </summary>
    private static bool IsKindBeforeNoun(string text, TitleToken[] tokens, int start)
    {
        var next = start + 1;
        return next < tokens.Length
            && MentionLexicon.KindNouns.Contains(tokens[next].Text)
            && !char.IsUpper(text[tokens[start].Start]);
    }

    private static bool IsForeignArticleDropped(TitleEntry entry) =>
        entry.Form.DroppedArticle && !TitleKeys.EnglishArticles.Any(a => entry.Title.StartsWith(a + " ", StringComparison.OrdinalIgnoreCase));

    private static bool HasEvidence(Scan scan, int start, int end, bool hasYear, bool capitalisedText)
    {
        var (text, tokens) = (scan.Text, scan.Tokens);
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

        return !capitalisedText && IsCapitalisedAsTitle(tokens, start, end) && !IsInsideLongerName(scan, start, end);
    }

    /// <summary>
    /// Returns whether the run's capitals belong to a longer name: a capitalised word joined to it without
    /// punctuation ("Dr." in "Dr. Strangelove"), or a capitalised name that ends at a bracketed year after the run
    /// ("Love" in "Love and Monsters (2020)").
    /// </summary>
    private static bool IsInsideLongerName(Scan scan, int start, int end)
    {
        // A run that ends at the year has returned as evidence already, so one inside a dated name is only a part of it.
        var tokens = scan.Tokens;
        if (scan.DatedNameStarts[start] >= 0)
        {
            return true;
        }

        if (start > 0 && IsJoined(tokens[start]) && IsNameWord(tokens[start - 1]) && !StartsSentence(tokens, start - 1))
        {
            return true;
        }

        return end < tokens.Length && IsJoined(tokens[end]) && IsNameWord(tokens[end]);
    }

    /// <summary>
    /// Returns whether a capitalised word is part of a longer name, joined without punctuation to another capitalised
    /// word that is not a minor word: "Michael" in "Michael Mann's Heat", "Paul" in "Paul Rudd". A word before it that
    /// starts a sentence is capitalised by grammar, and a possessive before it ends the name before, so neither counts.
    /// </summary>
    private static bool IsPartOfName(string text, TitleToken[] tokens, int index)
    {
        if (!IsNameWord(tokens[index]))
        {
            return false;
        }

        var before = index > 0 && IsJoined(tokens[index]) && IsNameWord(tokens[index - 1]) && !StartsSentence(tokens, index - 1)
            && !MinorWords.Contains(tokens[index - 1].Text) && !IsPossessive(text, tokens[index - 1]);
        var after = index + 1 < tokens.Length && IsJoined(tokens[index + 1]) && IsNameWord(tokens[index + 1])
            && !MinorWords.Contains(tokens[index + 1].Text) && !IsPossessive(text, tokens[index]);
        return before || after;
    }

    /// <summary>Returns whether the word is written with a possessive ending ("Mann's", "Nolan’s").</summary>
    private static bool IsPossessive(string text, TitleToken token) =>
        token.Length >= 3 && text[token.End - 1] is 's' or 'S' && text[token.End - 2] is '\'' or '\u2019';

    /// <summary>Returns whether no comma or other punctuation is between the token and the one before it.</summary>
    private static bool IsJoined(TitleToken token) => !token.BreakBefore && !token.FollowsComma;

    /// <summary>Returns whether the token is a capitalised or upper-case word other than the pronoun "I".</summary>
    private static bool IsNameWord(TitleToken token) => token.Shape is WordShape.Capitalised or WordShape.Upper && token.Text != "i";

    private static bool StartsSentence(TitleToken[] tokens, int index) => index == 0 || tokens[index].SentenceBefore;

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

    /// <summary>The text of one extraction with its words, the mentions found so far and what is known about its years and names.</summary>
    private sealed class Scan
    {
        public Scan(string text, TitleToken[] tokens)
        {
            Text = text;
            Tokens = tokens;
            Covered = new bool[tokens.Length];
            Quoted = QuoteFinder.Find(text);
            BracketedYears = FindBracketedYears(text, tokens);
            DatedNameStarts = FindDatedNames(tokens, BracketedYears);
        }

        private Scan(Scan other, TitleToken[] tokens)
        {
            Text = other.Text;
            Tokens = tokens;
            Covered = other.Covered;
            Found = other.Found;
            Quoted = other.Quoted;
            BracketedYears = other.BracketedYears;
            DatedNameStarts = other.DatedNameStarts;
        }

        public string Text { get; }

        public TitleToken[] Tokens { get; }

        /// <summary>Gets, for each token, whether it belongs to a mention found already.</summary>
        public bool[] Covered { get; }

        public List<Found> Found { get; } = [];

        public List<QuotedPhrase> Quoted { get; }

        /// <summary>
        /// Gets, for each token, the year it spells when it is in brackets ("(1994)", "[1994]") and the position
        /// just past the closing bracket, or a zero year.
        /// </summary>
        public (int Year, int End)[] BracketedYears { get; }

        /// <summary>
        /// Gets, for each token of a capitalised name that ends at a bracketed year, the index of the name's first
        /// token, or -1. The name may contain minor words ("Love and Monsters (2020)") and ends at a sentence start.
        /// </summary>
        public int[] DatedNameStarts { get; }

        /// <summary>Returns a view of the same text and mentions with other words at the same places, such as corrected ones.</summary>
        public Scan WithTokens(TitleToken[] tokens) => new(this, tokens);

        public void Add(Found mention)
        {
            Found.Add(mention);
            Array.Fill(Covered, true, mention.FirstToken, mention.EndToken - mention.FirstToken);
        }

        private static (int Year, int End)[] FindBracketedYears(string text, TitleToken[] tokens)
        {
            var years = new (int Year, int End)[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if (token.Shape != WordShape.Number || !TitleKeys.TryParseYear(token.Text, out var year) || !TitleYear.IsPlausible(year))
                {
                    continue;
                }

                var before = token.Start - 1;
                while (before >= 0 && char.IsWhiteSpace(text[before]))
                {
                    before--;
                }

                var after = token.End;
                while (after < text.Length && char.IsWhiteSpace(text[after]))
                {
                    after++;
                }

                if (before >= 0 && text[before] is '(' or '[' && after < text.Length && text[after] is ')' or ']')
                {
                    years[i] = (year, after + 1);
                }
            }

            return years;
        }

        private static int[] FindDatedNames(TitleToken[] tokens, (int Year, int End)[] years)
        {
            var starts = new int[tokens.Length];
            Array.Fill(starts, -1);
            for (var yearToken = 0; yearToken < tokens.Length; yearToken++)
            {
                if (years[yearToken].Year == 0)
                {
                    continue;
                }

                var first = yearToken;
                for (var i = yearToken - 1; i >= 0 && years[i].Year == 0; i--)
                {
                    var token = tokens[i];
                    var nameWord = token.Shape is WordShape.Capitalised or WordShape.Upper or WordShape.Number;
                    if (!nameWord && !MinorWords.Contains(token.Text))
                    {
                        break;
                    }

                    // Minor words count only between capitalised words, never at the start of the name.
                    first = nameWord ? i : first;
                    if (token.SentenceBefore)
                    {
                        break;
                    }
                }

                Array.Fill(starts, first, first, yearToken - first);
            }

            return starts;
        }
    }
}
