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
            .Take(maxCandidates)
            .Select(i => new TitleCandidate(movies[scored[i].MovieIndex], Math.Round(confidence * weights[i] / total, 4), scored[i].MatchedTitle))
            .ToArray();

        var close = scored.Count(s => s.Quality >= bestQuality - AmbiguityMargin);
        var status = bestQuality < NoneBelow ? TitleMatchStatus.None
            : close >= 2 || bestQuality < MatchFrom || candidates[0].Score < MatchConfidence ? TitleMatchStatus.Ambiguous
            : TitleMatchStatus.Match;
        return new TitleLookup(query, status, candidates);
    }
}
