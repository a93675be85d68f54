namespace ChatBot.Catalog.Titles;

/// <summary>A title in key form: its key words, the key as one string, and the key with spaces removed.</summary>
internal sealed class TitleForm
{
    public TitleForm(string[] words, bool droppedArticle)
    {
        Words = words;
        DroppedArticle = droppedArticle;
        Key = string.Join(' ', words);
        Compact = string.Concat(words);
    }

    public string[] Words { get; }

    /// <summary>Gets whether the written title had an article that the key leaves out ("The Heat" but not "Heat").</summary>
    public bool DroppedArticle { get; }

    /// <summary>Gets the key words joined by single spaces ("godfather 2").</summary>
    public string Key { get; }

    /// <summary>Gets the key without spaces, so "spider man" and "spiderman" meet ("godfather2").</summary>
    public string Compact { get; }

    /// <summary>Gets each word's inverse document frequency over the index's titles, set by the index.</summary>
    public float[] Weights { get; set; } = [];

    /// <summary>Gets the sum of <see cref="Weights"/>.</summary>
    public float TotalWeight { get; set; }
}

/// <summary>One indexed spelling of a movie: its main title or one of its alternate titles.</summary>
/// <param name="MovieIndex">The position of the movie in the index's movie array.</param>
/// <param name="Title">The title as the catalog spells it, articles in front.</param>
/// <param name="Kind">Which spelling of the movie this is.</param>
internal sealed record TitleEntry(int MovieIndex, TitleForm Form, string Title, TitleEntryKind Kind);

/// <summary>Which spelling of a movie an index entry holds.</summary>
internal enum TitleEntryKind : byte
{
    /// <summary>The main title ("Terminator 2: Judgment Day").</summary>
    Main = 0,

    /// <summary>An original-language or "a.k.a." title ("Sen to Chihiro no kamikakushi").</summary>
    Alternate = 1,

    /// <summary>
    /// The part of a title before its subtitle, when it has two words or more ("Terminator 2"), because people
    /// leave subtitles out. A one-word part ("Mission" of "Mission: Impossible - Fallout") is not indexed.
    /// </summary>
    ShortForm = 2,
}
