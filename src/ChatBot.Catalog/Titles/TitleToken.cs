namespace ChatBot.Catalog.Titles;

/// <summary>A word of written text in folded form, with the span it came from.</summary>
/// <param name="Text">The folded word: lower-case ASCII letters and digits only.</param>
/// <param name="Start">The index of the word's first character in the original text.</param>
/// <param name="End">The index just past the word's last character in the original text.</param>
/// <param name="Shape">How the word was capitalised as written.</param>
/// <param name="FollowsComma">Whether a comma is between this word and the one before it.</param>
/// <param name="BreakBefore">Whether punctuation that ends a sentence, a clause or a title part (. ! ? ; : brackets, quotes, a dash) comes before this word.</param>
/// <param name="SentenceBefore">Whether punctuation that ends a sentence (. ! ? ; or a line break) comes before this word.</param>
internal readonly record struct TitleToken(string Text, int Start, int End, WordShape Shape, bool FollowsComma, bool BreakBefore, bool SentenceBefore = false)
{
    public int Length => End - Start;
}

/// <summary>How a word was capitalised as written.</summary>
internal enum WordShape : byte
{
    /// <summary>No letters, only digits.</summary>
    Number = 0,

    /// <summary>All letters lower-case.</summary>
    Lower = 1,

    /// <summary>Mixed case with one upper-case letter or more ("Heat", "McQueen"), or a single upper-case letter.</summary>
    Capitalised = 2,

    /// <summary>Two or more letters, all upper-case.</summary>
    Upper = 3,
}
