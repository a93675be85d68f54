using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Reads the opinion a writer attached to a mentioned title from opinion words in the same clause: the nearest
/// one before the title ("loved Inception and The Dark Knight"), else the nearest after it ("Tenet was boring").
/// A clause ends at sentence punctuation, a comma, or a contrast word such as "but". When the comma-bounded clause
/// contains no opinion word, the clause up to the nearest sentence end or contrast word is read instead, so a list
/// ("I loved Heat, Inception and Up") shares its opinion word. A negation up to three words before the opinion
/// word turns a liking into a dislike and a dislike into no stated opinion.
/// </summary>
internal static class MentionSentimentReader
{
    private const int NegationReach = 3;

    /// <param name="covered">Tokens that belong to any mention; words inside titles ("Love Actually") are not opinions.</param>
    public static MentionSentiment Read(TitleToken[] tokens, bool[] covered, int first, int end)
    {
        var sentiment = ReadWithin(tokens, covered, first, end, stopAtCommas: true);
        return sentiment ?? ReadWithin(tokens, covered, first, end, stopAtCommas: false) ?? MentionSentiment.Neutral;
    }

    private static MentionSentiment? ReadWithin(TitleToken[] tokens, bool[] covered, int first, int end, bool stopAtCommas)
    {
        var clauseStart = first;
        while (clauseStart > 0 && !EndsClauseBefore(tokens, clauseStart, stopAtCommas) && !IsContrast(tokens[clauseStart - 1]))
        {
            clauseStart--;
        }

        if (clauseStart > 0 && IsContrast(tokens[clauseStart - 1]) && !EndsClauseBefore(tokens, clauseStart - 1, stopAtCommas))
        {
            clauseStart--;
        }

        var clauseEnd = end;
        while (clauseEnd < tokens.Length && !EndsClauseBefore(tokens, clauseEnd, stopAtCommas) && !IsContrast(tokens[clauseEnd]))
        {
            clauseEnd++;
        }

        for (var i = first - 1; i >= clauseStart; i--)
        {
            if (!covered[i] && Polarity(tokens, i, clauseStart) is { } before)
            {
                return before;
            }
        }

        for (var i = end; i < clauseEnd; i++)
        {
            if (!covered[i] && Polarity(tokens, i, clauseStart) is { } after)
            {
                return after;
            }
        }

        return null;
    }

    private static bool EndsClauseBefore(TitleToken[] tokens, int index, bool stopAtCommas) =>
        tokens[index].SentenceBefore || (stopAtCommas && tokens[index].FollowsComma);

    private static bool IsContrast(TitleToken token) => MentionLexicon.ContrastWords.Contains(token.Text);

    /// <summary>Returns the opinion of the word at <paramref name="index"/>, negation included, or null for a word without one.</summary>
    private static MentionSentiment? Polarity(TitleToken[] tokens, int index, int clauseStart)
    {
        var word = tokens[index].Text;
        MentionSentiment polarity;
        if (MentionLexicon.LikedCues.Contains(word))
        {
            polarity = MentionSentiment.Liked;
        }
        else if (MentionLexicon.DislikedCues.Contains(word))
        {
            polarity = MentionSentiment.Disliked;
        }
        else if (word is "like" or "likes" && index > 0 && MentionLexicon.LikeSubjects.Contains(tokens[index - 1].Text))
        {
            polarity = MentionSentiment.Liked;
        }
        else
        {
            return null;
        }

        for (var i = index - 1; i >= Math.Max(clauseStart, index - NegationReach); i--)
        {
            if (MentionLexicon.Negations.Contains(tokens[i].Text))
            {
                return polarity == MentionSentiment.Liked ? MentionSentiment.Disliked : MentionSentiment.Neutral;
            }
        }

        return polarity;
    }
}
