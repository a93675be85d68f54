using ChatBot.Core.Movies;

namespace ChatBot.Core.Titles;

/// <summary>How a title lookup turned out, for the caller's choice between "this one", "which of these?" and "not found".</summary>
public enum TitleMatchStatus
{
    /// <summary>One movie fits with high confidence.</summary>
    Match = 0,

    /// <summary>Several movies fit about equally well (Dune (1984) and Dune (2021)).</summary>
    Ambiguous = 1,

    /// <summary>No movie fits well enough; the candidates are only the closest titles.</summary>
    None = 2,
}

/// <summary>A catalog movie that may be the one a written title means.</summary>
/// <param name="Score">Calibrated confidence from 0 to 1 that this is the meant movie.</param>
/// <param name="MatchedTitle">The catalog title or alternate title the query matched.</param>
public sealed record TitleCandidate(Movie Movie, double Score, string MatchedTitle);

/// <summary>The result of resolving one written title.</summary>
/// <param name="Candidates">Ranked candidates, best first.</param>
public sealed record TitleLookup(string Query, TitleMatchStatus Status, IReadOnlyList<TitleCandidate> Candidates)
{
    /// <summary>Gets the matched movie when the status is <see cref="TitleMatchStatus.Match"/>.</summary>
    public Movie? Best => Status == TitleMatchStatus.Match && Candidates.Count > 0 ? Candidates[0].Movie : null;
}

/// <summary>The opinion a writer attached to a mentioned movie.</summary>
public enum MentionSentiment
{
    Neutral = 0,
    Liked = 1,
    Disliked = 2,
}

/// <summary>A catalog movie named inside free text.</summary>
/// <param name="Start">The index of the mention's first character in the text.</param>
/// <param name="Length">The mention's length in characters.</param>
/// <param name="Text">The mention as written, including quotes and a year when they belong to it.</param>
/// <param name="Confidence">Calibrated confidence from 0 to 1.</param>
public sealed record TitleMention(int Start, int Length, string Text, Movie Movie, double Confidence, MentionSentiment Sentiment);

/// <summary>Maps written titles, from people or from a language model, to catalog movies.</summary>
public interface ITitleIndex
{
    /// <summary>Resolves one written title ("godfather part 2", "dune 2021").</summary>
    TitleLookup Lookup(string query, int maxCandidates = 5);

    /// <summary>Finds the catalog movies named inside free text, in order of appearance.</summary>
    IReadOnlyList<TitleMention> ExtractMentions(string text);

    /// <summary>Suggests movies for partial input as it is typed, best first (autocomplete).</summary>
    IReadOnlyList<TitleCandidate> Suggest(string partialTitle, int maxSuggestions);
}
