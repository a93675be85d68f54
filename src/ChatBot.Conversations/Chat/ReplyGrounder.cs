using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;

namespace ChatBot.Conversations.Chat;

/// <summary>Generated text after grounding, and the movies it recommends in the order the recommender prefers.</summary>
/// <param name="Text">The text with every kept title written as the catalog names it; empty when nothing survived.</param>
/// <param name="MovieIds">The grounded recommendations, best first.</param>
/// <param name="DroppedSentences">Sentences removed because they named an invented or disallowed title.</param>
public sealed record GroundedReply(string Text, IReadOnlyList<int> MovieIds, int DroppedSentences);

/// <summary>
/// Grounds generated text in the catalog by reconciling every title it names with the title index.
/// Titles that exist, are allowed for this person and fit the request are kept and rewritten to the
/// catalog's display title. A sentence that names only invented or disallowed titles is dropped.
/// </summary>
public sealed partial class ReplyGrounder(ITitleIndex titles)
{
    /// <summary>The confidence below which a mention in generated text is not trusted as that movie.</summary>
    private const double MinimumConfidence = 0.5;

    /// <param name="isAllowed">Whether a movie may be recommended (not rated, not dismissed, fits the request).</param>
    /// <param name="score">The recommender's score for a movie, to order and cut the kept ones.</param>
    public GroundedReply Ground(string generated, Func<Movie, bool> isAllowed, Func<int, double> score, int maxMovies)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(isAllowed);
        ArgumentNullException.ThrowIfNull(score);
        var mentions = titles.ExtractMentions(generated).Where(m => m.Confidence >= MinimumConfidence).ToList();

        var kept = mentions.Select(m => m.Movie).Where(isAllowed).DistinctBy(m => m.Id)
            .OrderByDescending(m => score(m.Id)).Take(maxMovies).Select(m => m.Id).ToHashSet();

        var output = new StringBuilder();
        var dropped = 0;
        foreach (var (start, end) in Sentences(generated, mentions))
        {
            var inside = mentions.Where(m => m.Start >= start && m.Start + m.Length <= end).ToList();
            var recommendsKept = inside.Any(m => kept.Contains(m.Movie.Id));
            var namesUngrounded = TitleLikeSpans(generated, start, end).Any(span => !inside.Any(m => Overlaps(m, span)));
            var namesOnlyDisallowed = inside.Count > 0 && !recommendsKept;
            if (namesUngrounded || namesOnlyDisallowed)
            {
                dropped++;
                continue;
            }

            output.Append(Rewrite(generated, start, end, inside));
        }

        var text = CollapseSpaces().Replace(output.ToString(), " ").Trim();
        return new GroundedReply(text, [.. kept.OrderByDescending(score)], dropped);
    }

    /// <summary>Writes the sentence with each mention replaced by the catalog's display title, dropping quotes around it.</summary>
    private static string Rewrite(string text, int start, int end, List<TitleMention> inside)
    {
        var builder = new StringBuilder();
        var position = start;
        foreach (var mention in inside.OrderBy(m => m.Start))
        {
            // Overlapping mentions (a title inside a longer one) keep the first.
            if (mention.Start < position)
            {
                continue;
            }

            builder.Append(text, position, mention.Start - position);
            builder.Append(WithChineseQuotes(mention.Text, mention.Movie.DisplayTitle));
            position = mention.Start + mention.Length;

            // A year the text wrote right after the title is already part of the display title.
            var trailingYear = TrailingYear().Match(text, position);
            if (trailingYear.Success && trailingYear.Index == position && trailingYear.Index + trailingYear.Length <= end)
            {
                position += trailingYear.Length;
            }
        }

        builder.Append(text, position, end - position);

        // Straight quotes around a rewritten title go; Chinese corner and curly quotes stay, because Chinese
        // text sets titles apart with them. Chinese sentences need no space between them.
        var sentence = QuotedDisplayTitle().Replace(builder.ToString(), "$1");
        var trimmed = sentence.TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is '。' or '！' or '？' or '”' or '」' ? trimmed : sentence + " ";
    }

    /// <summary>Keeps the Chinese quotes (“…”, 「…」, 《…》) a mention was written in around the rewritten title.</summary>
    private static string WithChineseQuotes(string written, string displayTitle)
    {
        var trimmed = written.Trim();
        if (trimmed.Length < 2)
        {
            return displayTitle;
        }

        return (trimmed[0], trimmed[^1]) switch
        {
            ('“', '”') => $"“{displayTitle}”",
            ('「', '」') => $"「{displayTitle}」",
            ('《', '》') => $"《{displayTitle}》",
            _ => displayTitle,
        };
    }

    /// <summary>Splits text into sentences, never inside a mention ("Dr. Strangelove", "Vol. 1").</summary>
    private static IEnumerable<(int Start, int End)> Sentences(string text, List<TitleMention> mentions)
    {
        var start = 0;
        foreach (Match boundary in SentenceEnd().Matches(text))
        {
            var end = boundary.Index + boundary.Length;
            if (mentions.Any(m => m.Start < boundary.Index && boundary.Index < m.Start + m.Length))
            {
                continue;
            }

            if (end > start)
            {
                yield return (start, end);
            }

            start = end;
        }

        if (start < text.Length)
        {
            yield return (start, text.Length);
        }
    }

    /// <summary>Finds spans that look like titles: quoted phrases and "Capitalised Words (1999)".</summary>
    private static IEnumerable<(int Start, int End)> TitleLikeSpans(string text, int start, int end)
    {
        var sentence = text[start..end];
        foreach (Match match in QuotedPhrase().Matches(sentence))
        {
            yield return (start + match.Index, start + match.Index + match.Length);
        }

        foreach (Match match in TitleWithYear().Matches(sentence))
        {
            yield return (start + match.Index, start + match.Index + match.Length);
        }
    }

    private static bool Overlaps(TitleMention mention, (int Start, int End) span) =>
        mention.Start < span.End && span.Start < mention.Start + mention.Length;

    [GeneratedRegex(@"[。！？]+[""”’」)]*\s*|[.!?]+[""”’)]*(?:\s+|$)|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[""“«《「]([^""”»》」\n]{2,80})[""”»》」]", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPhrase();

    [GeneratedRegex(@"(?:\b[A-Z0-9][\w'’:&\-]*\s+){0,6}[A-Z0-9][\w'’:&\-]*\s*\((?:19|20)\d\d\)", RegexOptions.CultureInvariant)]
    private static partial Regex TitleWithYear();

    [GeneratedRegex(@"\G\s*\((?:19|20)\d\d\)", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingYear();

    [GeneratedRegex(@"""([^""\n]{2,120}\((?:19|20)\d\d\))""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedDisplayTitle();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex CollapseSpaces();
}
