using System.Diagnostics;
using ChatBot.Core.Titles;

namespace ChatBot.Bench.Titles;

/// <summary>The outcome of one query.</summary>
/// <param name="Microseconds">The fastest wall-clock time of the runs.</param>
/// <param name="CpuMicroseconds">The smallest thread CPU time of the runs, or 0 where the clock cannot be read.</param>
public sealed record Outcome(LabelledQuery Query, TitleMatchStatus Status, int[] MovieIds, double TopScore, double Microseconds, double CpuMicroseconds)
{
    public bool TopIsExpected => MovieIds.Length > 0 && Query.MovieIds.Contains(MovieIds[0]);

    /// <summary>
    /// Gets whether a shared-title query was resolved as "ambiguous" with an expected movie first, or as "match" with
    /// the movie whose title it spells exactly when the others differ only by an article.
    /// </summary>
    public bool IsFlagged =>
        (Status == TitleMatchStatus.Ambiguous && TopIsExpected)
        || (Status == TitleMatchStatus.Match && MovieIds.Length > 0 && MovieIds[0] == Query.WrittenExactly);
}

/// <summary>Accuracy and speed of one resolver on one query set.</summary>
public sealed class Evaluation
{
    private Evaluation(string resolver, IReadOnlyList<Outcome> outcomes)
    {
        Resolver = resolver;
        Outcomes = outcomes;
    }

    public string Resolver { get; }

    public IReadOnlyList<Outcome> Outcomes { get; }

    public IEnumerable<Outcome> Single => Outcomes.Where(o => o.Query.Expectation == Expectation.Single);

    public IEnumerable<Outcome> Ambiguous => Outcomes.Where(o => o.Query.Expectation == Expectation.Ambiguous);

    public IEnumerable<Outcome> Missing => Outcomes.Where(o => o.Query.Expectation == Expectation.None);

    /// <summary>Gets the share of one-answer queries whose first candidate is the expected movie.</summary>
    public double Top1 => Share(Single, o => o.TopIsExpected);

    /// <summary>Gets the share of one-answer queries resolved as "match" with the expected movie first.</summary>
    public double MatchedCorrectly => Share(Single, o => o.Status == TitleMatchStatus.Match && o.TopIsExpected);

    /// <summary>Gets the share of "match" results for one-answer queries whose first movie is wrong.</summary>
    public double WrongMatches => Share(Single.Where(o => o.Status == TitleMatchStatus.Match), o => !o.TopIsExpected);

    /// <summary>Gets the share of shared-title queries resolved as <see cref="Outcome.IsFlagged"/> describes.</summary>
    public double AmbiguousFlagged => Share(Ambiguous, o => o.IsFlagged);

    /// <summary>Gets the share of queries for films the catalog lacks that were resolved as "none".</summary>
    public double MissingRejected => Share(Missing, o => o.Status == TitleMatchStatus.None);

    /// <summary>Gets the share of queries for films the catalog lacks that were resolved as "match".</summary>
    public double MissingFalseMatches => Share(Missing, o => o.Status == TitleMatchStatus.Match);

    public double MedianMicroseconds => Percentile(0.5);

    public double MedianCpuMicroseconds => Percentile(0.5, cpu: true);

    public double Percentile(double fraction, bool cpu = false)
    {
        var times = Outcomes.Select(o => cpu ? o.CpuMicroseconds : o.Microseconds).Order().ToArray();
        return times.Length == 0 ? 0 : times[(int)Math.Min(times.Length - 1, Math.Floor(fraction * times.Length))];
    }

    /// <summary>
    /// Resolves every query <paramref name="repetitions"/> times and keeps each query's fastest time, because on a
    /// shared machine the slower repetitions measure other processes rather than the resolver.
    /// </summary>
    public static Evaluation Run(IResolver resolver, IReadOnlyList<LabelledQuery> queries, int repetitions = 1)
    {
        var outcomes = new Outcome[queries.Count];
        for (var repetition = 0; repetition < repetitions; repetition++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var cpuStarted = ThreadCpuClock.NowMicroseconds();
                var started = Stopwatch.GetTimestamp();
                var (status, ids, top) = resolver.Resolve(queries[i].Query);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                var cpu = ThreadCpuClock.NowMicroseconds() - cpuStarted;
                var previous = outcomes[i];
                outcomes[i] = new Outcome(
                    queries[i], status, ids, top, Math.Min(elapsed, previous?.Microseconds ?? double.MaxValue), Math.Min(cpu, previous?.CpuMicroseconds ?? double.MaxValue));
            }
        }

        return new Evaluation(resolver.Name, outcomes);
    }

    public static double Share(IEnumerable<Outcome> outcomes, Func<Outcome, bool> predicate)
    {
        var list = outcomes as IReadOnlyCollection<Outcome> ?? [.. outcomes];
        return list.Count == 0 ? double.NaN : (double)list.Count(predicate) / list.Count;
    }
}
