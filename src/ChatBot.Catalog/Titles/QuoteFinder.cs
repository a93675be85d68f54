namespace ChatBot.Catalog.Titles;

/// <summary>A quoted or emphasised phrase: the quote marks span [OpenStart, CloseEnd), the phrase [ContentStart, ContentEnd).</summary>
internal readonly record struct QuotedPhrase(int OpenStart, int ContentStart, int ContentEnd, int CloseEnd);

/// <summary>
/// Finds phrases in straight or typographic double quotes, guillemets, single quotes, and Markdown emphasis
/// (*Heat*, **Heat**, _Heat_), which people and language models put around titles.
/// </summary>
internal static class QuoteFinder
{
    /// <summary>The longest phrase, in characters, taken as a quoted title.</summary>
    private const int MaxPhraseLength = 200;

    public static List<QuotedPhrase> Find(string text)
    {
        var phrases = new List<QuotedPhrase>();
        var i = 0;
        while (i < text.Length)
        {
            if (TryReadPhrase(text, i, out var phrase))
            {
                phrases.Add(phrase);
                i = phrase.CloseEnd;
            }
            else
            {
                i++;
            }
        }

        return phrases;
    }

    private static bool TryReadPhrase(string text, int open, out QuotedPhrase phrase)
    {
        phrase = default;
        var mark = text[open];
        var closer = mark switch
        {
            '"' => '"',
            '\u201C' => '\u201D',
            '\u201E' => '\u201C',
            '\u00AB' => '\u00BB',

            // Chinese and Japanese title and corner brackets: 《Heat》, 「Heat」.
            '\u300A' => '\u300B',
            '\u300C' => '\u300D',
            '\'' => '\'',
            '\u2018' => '\u2019',
            '*' => '*',
            '_' => '_',
            _ => '\0',
        };
        if (closer == '\0')
        {
            return false;
        }

        // Single quotes and emphasis marks open only before a word and after a non-word character, so the
        // apostrophe in "Ocean's" and the underscore in "snake_case" open nothing.
        var wordMark = mark is '\'' or '\u2018' or '*' or '_';
        var run = 1;
        while (mark is '*' or '_' && open + run < text.Length && text[open + run] == mark)
        {
            run++;
        }

        var contentStart = open + run;
        if (contentStart >= text.Length || char.IsWhiteSpace(text[contentStart])
            || (wordMark && open > 0 && char.IsLetterOrDigit(text[open - 1])))
        {
            return false;
        }

        for (var close = contentStart + 1; close < text.Length && close - contentStart <= MaxPhraseLength; close++)
        {
            if (text[close] != closer || char.IsWhiteSpace(text[close - 1]))
            {
                continue;
            }

            var closeEnd = close;
            while (closeEnd < text.Length && closeEnd - close < run && text[closeEnd] == closer)
            {
                closeEnd++;
            }

            var after = closeEnd < text.Length ? text[closeEnd] : ' ';
            if (closeEnd - close < run || (wordMark && char.IsLetterOrDigit(after)))
            {
                continue;
            }

            phrase = new QuotedPhrase(open, contentStart, close, closeEnd);
            return true;
        }

        return false;
    }
}
