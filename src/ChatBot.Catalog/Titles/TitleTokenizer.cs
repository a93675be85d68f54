using System.Text;
using AnyAscii;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Splits text into folded words: lower-case ASCII letters and digits, with diacritics and other scripts
/// transliterated. Apostrophes inside words vanish ("Schindler's" becomes "schindlers"). After a single letter an
/// apostrophe marks an elision and separates words ("L'Avventura" becomes "l avventura"). Dotted initials join
/// ("L.A." becomes "la"), and "&amp;" becomes the word "and". Every other character separates words, so
/// "WALL·E", "Wall-E" and "wall e" give the same words.
/// </summary>
internal static class TitleTokenizer
{
    /// <summary>
    /// Transliterations of the Basic Multilingual Plane, filled on first use. AnyAscii fits because it maps every
    /// script (accents, ligatures such as "æ" and "ß", Cyrillic, Greek, kana) to ASCII in one call, which plain
    /// Unicode decomposition does not. Entries are immutable strings, so racing writers store equal values.
    /// </summary>
    private static readonly string?[] Transliterations = new string?[char.MaxValue + 1];

    /// <summary>Words written with a dot that does not end a sentence, folded.</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vol", "vs", "pt", "ep", "mt", "ft", "no", "prof", "gen", "lt", "sgt", "capt",
    };

    public static List<TitleToken> Tokenize(string text)
    {
        var tokens = new List<TitleToken>();
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    public static void Tokenize(string text, List<TitleToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new State(tokens);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                ReadAscii(text, i, c, ref state);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var transliterated = new string([c, text[i + 1]]).Transliterate();
                state.AppendTransliterated(transliterated, i, i + 2, isUpper: false, isLower: false);
                i++;
            }
            else
            {
                ReadNonAscii(text, i, c, ref state);
            }
        }

        state.Flush();
    }

    private static void ReadAscii(string text, int i, char c, ref State state)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            state.Append(c, i);
            return;
        }

        if (c == '\'' || c == '`')
        {
            if (IsWordApostrophe(text, i) && !state.IsSingleLetter)
            {
                return;
            }
        }
        else if (c == '.' && IsInitialsDot(text, i))
        {
            state.JoinedInitials = true;
            return;
        }

        var abbreviation = c == '.' && state.IsAbbreviation;
        state.Flush();
        if (abbreviation)
        {
            return;
        }

        switch (c)
        {
            case '&':
                state.Emit("and", i, i + 1);
                break;
            case ',':
                state.PendingComma = true;
                break;
            case '.' or '!' or '?' or ';' or '\n':
                state.PendingBreak = true;
                state.PendingSentence = true;
                break;
            case ':' or '(' or ')' or '"' or '[' or ']':
                state.PendingBreak = true;
                break;
            case '-' when IsSpacedDash(text, i):
                state.PendingBreak = true;
                break;
        }
    }

    private static void ReadNonAscii(string text, int i, char c, ref State state)
    {
        switch (c)
        {
            case '\u2019' or '\u2018' or '\u02BC' when IsWordApostrophe(text, i) && !state.IsSingleLetter:
                return;
            case '\u2014' or '\u2013' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or '\u2026' or '\u300A' or '\u300B' or '\u300C' or '\u300D':
                state.Flush();
                state.PendingBreak = true;
                return;
        }

        var category = char.GetUnicodeCategory(c);
        if (category == System.Globalization.UnicodeCategory.OtherNumber)
        {
            // Superscripts and fractions are words of their own: "Alien³" is "alien 3".
            state.Flush();
            state.AppendTransliterated(Transliterate(c), i, i + 1, isUpper: false, isLower: false);
            state.Flush();
            return;
        }

        if (!char.IsLetterOrDigit(c))
        {
            state.Flush();
            return;
        }

        state.AppendTransliterated(Transliterate(c), i, i + 1, char.IsUpper(c), char.IsLower(c));
    }

    private static string Transliterate(char c)
    {
        var transliterated = Transliterations[c];
        if (transliterated is null)
        {
            transliterated = c.ToString().Transliterate();
            Transliterations[c] = transliterated;
        }

        return transliterated;
    }

    /// <summary>An apostrophe between two letters belongs to the word: "Schindler's", "Ocean’s".</summary>
    private static bool IsWordApostrophe(string text, int i) =>
        i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    /// <summary>A dot after a single letter and before another letter joins initials: "L.A.", "E.T.", "S.W.A.T.".</summary>
    private static bool IsInitialsDot(string text, int i) =>
        i > 0 && i + 1 < text.Length
        && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1])
        && (i < 2 || !char.IsLetter(text[i - 2]));

    /// <summary>A hyphen with space on either side is a dash between clauses, not a word joint ("Fallout" in "Impossible - Fallout").</summary>
    private static bool IsSpacedDash(string text, int i) =>
        (i > 0 && char.IsWhiteSpace(text[i - 1])) || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]));

    private ref struct State(List<TitleToken> tokens)
    {
        private readonly List<TitleToken> _tokens = tokens;
        private StringBuilder? _word;
        private int _start = -1;
        private int _end;
        private int _upper;
        private int _lower;

        public bool PendingComma;
        public bool PendingSentence;

        /// <summary>Gets whether the word so far is one letter, so a following apostrophe is an elision ("L'Avventura", "d'Amélie").</summary>
        public readonly bool IsSingleLetter => _start >= 0 && _word!.Length == 1;

        /// <summary>Gets or sets whether the word so far joined dotted initials ("E.T").</summary>
        public bool JoinedInitials;

        /// <summary>
        /// Gets whether a dot after the word so far ends an abbreviation rather than a sentence: initials ("E.T.",
        /// "L.A."), a single letter ("J. Edgar") or a title word such as "Mr.", "Mrs." or "Vol.".
        /// </summary>
        public readonly bool IsAbbreviation =>
            _start >= 0 && (JoinedInitials || _word!.Length == 1 || Abbreviations.Contains(_word.ToString()));
        public bool PendingBreak;

        public void Append(char c, int index)
        {
            Begin(index);
            if (char.IsAsciiLetterUpper(c))
            {
                _upper++;
                c = (char)(c | 0x20);
            }
            else if (char.IsAsciiLetterLower(c))
            {
                _lower++;
            }

            _word!.Append(c);
            _end = index + 1;
        }

        public void AppendTransliterated(string transliterated, int start, int end, bool isUpper, bool isLower)
        {
            var appended = false;
            foreach (var c in transliterated)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    Begin(start);
                    _word!.Append(char.ToLowerInvariant(c));
                    appended = true;
                }
                else if (c != '\'')
                {
                    Flush();
                }
            }

            if (appended)
            {
                _end = end;
                _upper += isUpper ? 1 : 0;
                _lower += isLower ? 1 : 0;
            }
        }

        public void Emit(string word, int start, int end)
        {
            _tokens.Add(new TitleToken(word, start, end, WordShape.Lower, PendingComma, PendingBreak, PendingSentence));
            PendingComma = false;
            PendingBreak = false;
            PendingSentence = false;
        }

        public void Flush()
        {
            if (_start < 0)
            {
                return;
            }

            var shape = (_upper, _lower) switch
            {
                (0, 0) => WordShape.Number,
                (0, _) => WordShape.Lower,
                ( > 1, 0) => WordShape.Upper,
                _ => WordShape.Capitalised,
            };
            _tokens.Add(new TitleToken(_word!.ToString(), _start, _end, shape, PendingComma, PendingBreak, PendingSentence));
            _word.Clear();
            _start = -1;
            JoinedInitials = false;
            _upper = 0;
            _lower = 0;
            PendingComma = false;
            PendingBreak = false;
            PendingSentence = false;
        }

        private void Begin(int index)
        {
            _word ??= new StringBuilder(16);
            if (_start < 0)
            {
                _start = index;
            }
        }
    }
}
