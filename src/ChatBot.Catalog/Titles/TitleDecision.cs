using ChatBot.Core.Movies;
using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Turns scored movies into a lookup result: the status ("this one", "which of these?", "not found") and a
/// confidence for each candidate.
/// </summary>
internal static class TitleDecision
{
    /// <summary>The match quality below which a lookup finds nothing.</summary>
    public const double NoneBelow = 0.7;

    /// <summary>The match quality from which a single clear winner counts as a match.</summary>
    public const double MatchFrom = 0.8;

    /// <summary>How close in match quality a second movie must come to make the lookup ambiguous.</summary>
    public const double AmbiguityMargin = 0.04;

    /// <summary>The confidence the best candidate needs for a match; below it the lookup is ambiguous.</summary>
    public const double MatchConfidence = 0.6;

    /// <summary>
    /// The confidence the best candidate needs for a match when a rival that needs an added or removed article was set
    /// aside. People drop and add articles freely, so the title written exactly as the query must also be clearly
    /// better known. With the article penalty, this requires about 1.4 times the rival's popularity weight.
    /// </summary>
    public const double ArticleRivalMatchConfidence = 0.7;

    /// <summary>
    /// The match quality a title needs to be offered as one of the closest titles when nothing matches. Below it the
    /// likeness is chance: random letter strings reach 0.5 against short titles, and so do transliterated Chinese
    /// titles against the pinyin alternates of unrelated films, because their syllables are alike.
    /// </summary>
    public const double ClosestFrom = 0.55;

    /// <summary>
    /// How sharply the confidence falls with match quality between candidates. At 20 a candidate 0.1 below the
    /// best keeps e^-2, about 14%, of its popularity-weighted share.
    /// </summary>
    private const double Sharpness = 20;

    /// <summary>
    /// Adjusts match quality for a year written in the query: the same year confirms the title, one year off is
    /// forgiven as a release-date difference, and a further year rules the title out almost entirely.
    /// </summary>
    public static double AdjustForYear(double quality, int queryYear, int? movieYear)
    {
        if (movieYear is not { } year)
        {
            return quality - 0.05;
        }

        return Math.Abs(year - queryYear) switch
        {
            0 => Math.Min(1, quality + 0.03),
            1 => quality - 0.05,
            _ => quality - 0.4,
        };
    }

    /// <summary>
    /// Maps the best match quality to the probability that some candidate is the movie meant; each candidate then
    /// gets its popularity-weighted share of it. The identity is conservative: in the title benchmark on
    /// ml-latest-small, the first candidate was right at least as often as its score in every score band.
    /// </summary>
    public static double Calibrate(double quality) => Math.Clamp(quality, 0, 1);

    /// <summary>
    /// Decides the status. A lookup is ambiguous when another movie matches within <see cref="AmbiguityMargin"/> of
    /// the best match quality, with two exceptions and one rule:
    /// <list type="bullet">
    /// <item>A movie whose title equals the query only once an article is added or removed ("The Heat" for "heat")
    /// is a weaker reading than a title written exactly as the query ("Heat"), so it does not make the lookup
    /// ambiguous by itself. The popularity-weighted confidence then decides, against
    /// <see cref="ArticleRivalMatchConfidence"/>: "heat" matches Heat (1995) (0.76 against The Heat (2013)), while
    /// "mask" stays ambiguous, because The Mask (1994) is far better known than Mask (1985).</item>
    /// <item>When the first candidate is itself such a weaker reading, the lookup is ambiguous.</item>
    /// <item>Movies that share a title exactly (Dune (1984) and Dune (2000), Titanic (1997) and Titanic (1953)) are
    /// always ambiguous without a year, however unequal their rating counts. The year is the only thing that distinguishes
    /// them apart, and the popularity prior gives even Titanic (1997) only about two thirds of the confidence,
    /// too little to decide for the person.</item>
    /// </list>
    /// When nothing matches, only titles of at least <see cref="ClosestFrom"/> quality are offered.
    /// </summary>
    public static TitleLookup Decide(string query, List<ScoredMovie> scored, int maxCandidates, double[] popularity, Movie[] movies)
    {
        if (scored.Count == 0)
        {
            return new TitleLookup(query, TitleMatchStatus.None, []);
        }

        var bestQuality = scored.Max(s => s.Quality);
        var weights = new double[scored.Count];
        double total = 0;
        for (var i = 0; i < scored.Count; i++)
        {
            weights[i] = Math.Exp(Sharpness * (scored[i].Quality - bestQuality)) * popularity[scored[i].MovieIndex];
            total += weights[i];
        }

        var confidence = Calibrate(bestQuality);
        var order = Enumerable.Range(0, scored.Count)
            .OrderByDescending(i => weights[i])
            .ThenBy(i => movies[scored[i].MovieIndex].Id)
            .ToArray();
        var candidates = order
            .Where(i => bestQuality >= NoneBelow || scored[i].Quality >= ClosestFrom)
            .Take(maxCandidates)
            .Select(i => new TitleCandidate(movies[scored[i].MovieIndex], Math.Round(confidence * weights[i] / total, 4), scored[i].MatchedTitle))
            .ToArray();
        if (bestQuality < NoneBelow)
        {
            return new TitleLookup(query, TitleMatchStatus.None, candidates);
        }

        var top = scored[order[0]];
        var close = scored.Count(s => s.Quality >= bestQuality - AmbiguityMargin && !IsWeakerReading(s, bestQuality));
        var rivalSetAside = scored.Any(s => s.Quality >= bestQuality - AmbiguityMargin && IsWeakerReading(s, bestQuality));
        var needed = rivalSetAside ? ArticleRivalMatchConfidence : MatchConfidence;
        var status = close >= 2 || IsWeakerReading(top, bestQuality) || bestQuality < MatchFrom || candidates[0].Score < needed
            ? TitleMatchStatus.Ambiguous
            : TitleMatchStatus.Match;
        return new TitleLookup(query, status, candidates);
    }

    /// <summary>Returns whether the movie matched only with an article added or removed, while another matched better.</summary>
    private static bool IsWeakerReading(ScoredMovie scored, double bestQuality) => scored.ArticleOnly && scored.Quality < bestQuality;
}
