using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>Finds catalog titles named inside free text.</summary>
internal sealed class MentionExtractor(TitleIndex index)
{
    /// <summary>The longest run of words tried as one title.</summary>
    private const int MaxWindow = 12;

    public IReadOnlyList<TitleMention> Extract(string text)
    {
        var tokens = TitleTokenizer.Tokenize(text).ToArray();
        var mentions = new List<TitleMention>();
        var words = new List<string>();
        var start = 0;
        while (start < tokens.Length)
        {
            var found = false;
            for (var length = Math.Min(MaxWindow, tokens.Length - start); length >= 1; length--)
            {
                TitleKeys.Build(tokens.AsSpan(start, length), words);
                if (words.Count == 0)
                {
                    continue;
                }

                var entries = index.FindByKey(string.Join(' ', words));
                if (entries.Length == 0)
                {
                    continue;
                }

                var first = tokens[start];
                var last = tokens[start + length - 1];
                var entry = index.Entry(entries.MaxBy(e => index.PopularityAt(index.Entry(e).MovieIndex)));
                mentions.Add(new TitleMention(
                    first.Start,
                    last.End - first.Start,
                    text[first.Start..last.End],
                    index.MovieAt(entry.MovieIndex),
                    1.0 / entries.Select(e => index.Entry(e).MovieIndex).Distinct().Count(),
                    MentionSentiment.Neutral));
                start += length;
                found = true;
                break;
            }

            if (!found)
            {
                start++;
            }
        }

        return mentions;
    }
}
