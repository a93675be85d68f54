using System.Diagnostics;
using ChatBot.Conversations.Ranking;

namespace ChatBot.Conversations.Evaluation;

/// <summary>Recall at 1, 10 and 50 over a set of recommendation turns.</summary>
public sealed record RecallSummary(int Turns, double RecallAt1, double RecallAt10, double RecallAt50)
{
    /// <summary>Summarises 1-based ranks, 0 meaning not in the list.</summary>
    public static RecallSummary Of(IReadOnlyCollection<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return new(ranks.Count, Recall(ranks, 1), Recall(ranks, 10), Recall(ranks, 50));
    }

    private static double Recall(IReadOnlyCollection<int> ranks, int k) =>
        ranks.Count == 0 ? 0 : (double)ranks.Count(r => r >= 1 && r <= k) / ranks.Count;
}

/// <summary>The result of a conversational recommendation evaluation.</summary>
/// <param name="All">Every turn where the human recommender suggested a movie.</param>
/// <param name="Dedup">Only turns whose suggested movie was not mentioned earlier in the conversation.</param>
/// <param name="MappedMovieShare">The share of the file's distinct movies that were found in the catalog.</param>
/// <param name="MappedTargetShare">The share of suggested movies (over all turns) that were found in the catalog.</param>
/// <param name="RankingMilliseconds">The mean and 99th-percentile wall-clock time of one ranking, in milliseconds.</param>
/// <param name="UnmappedSuggestions">The names of suggested movies that were not found in the catalog, with how often each was suggested, most often first.</param>
public sealed record RedialEvaluation(
    string File,
    int Conversations,
    RecallSummary All,
    RecallSummary Dedup,
    double MappedMovieShare,
    double MappedTargetShare,
    (double Mean, double P99) RankingMilliseconds,
    IReadOnlyList<UnmappedMovie> UnmappedSuggestions);

/// <summary>A suggested ReDial movie that is not in the catalog, and how often it was suggested.</summary>
public sealed record UnmappedMovie(string Name, int Suggestions);

/// <summary>
/// Measures how well the chat pipeline's ranking predicts what human recommenders suggested in ReDial
/// dialogues. For each movie a recommender suggests, the conversation ranker is given what the pipeline would
/// know at that point (see <see cref="RedialTurns"/>). The turn counts as a hit at k when the suggested movie
/// is in the top k. A suggested movie missing from the catalog counts as a miss.
/// </summary>
public sealed class RedialEvaluator(ChatRanker ranker, RedialTurns turns)
{
    private const int Depth = 50;

    public RedialEvaluation Evaluate(string path, IReadOnlyList<RedialDialogue> dialogues)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        var mapping = turns.MapMovies(dialogues);
        var walked = turns.Walk(dialogues, mapping, Depth);

        // The mention counts of the full ReDial set include these dialogues, so their own mentions are taken
        // out first. The counts then describe other conversations only, as for a new conversation.
        var model = ranker.Model;
        Func<Core.Recommendations.RecommendationQuery, ConversationSignals, IReadOnlyList<Core.Recommendations.Recommendation>> recommend = ranker.Recommend;
        if (model.Dialogues.Mentions.Count > 0)
        {
            var statistics = model.Dialogues.WithoutMentions(RedialTurns.CountMentions(dialogues, mapping));
            var prior = RankingFeatures.PriorOf(ranker.Traits, statistics);
            recommend = (query, signals) => ranker.Rank(query, signals, model.Weights, statistics, prior);
        }

        var all = new List<int>();
        var dedup = new List<int>();
        var times = new List<double>(walked.Count);
        foreach (var turn in walked)
        {
            var started = Stopwatch.GetTimestamp();
            var rank = Rank(turn, recommend);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            all.Add(rank);
            if (turn.Dedup)
            {
                dedup.Add(rank);
            }
        }

        var distinct = dialogues.SelectMany(d => d.MovieMentions.Keys).Distinct().ToList();
        var names = dialogues.SelectMany(d => d.MovieMentions).DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);
        var unmapped = walked.Where(t => t.TargetMovieId is null)
            .GroupBy(t => t.TargetRedialId)
            .Select(g => new UnmappedMovie(names.GetValueOrDefault(g.Key) is { Length: > 0 } name ? name.Trim() : "@" + g.Key, g.Count()))
            .OrderByDescending(u => u.Suggestions)
            .ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        return new RedialEvaluation(
            Path.GetFileName(path),
            dialogues.Count,
            RecallSummary.Of(all),
            RecallSummary.Of(dedup),
            distinct.Count == 0 ? 0 : (double)distinct.Count(mapping.ContainsKey) / distinct.Count,
            walked.Count == 0 ? 0 : (double)walked.Count(t => t.TargetMovieId is not null) / walked.Count,
            Timing(times),
            unmapped);
    }

    private static (double Mean, double P99) Timing(List<double> times)
    {
        if (times.Count == 0)
        {
            return (0, 0);
        }

        times.Sort();
        return (times.Average(), times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.99 * times.Count) - 1)]);
    }

    /// <summary>Returns the 1-based rank of the turn's suggested movie in the ranking, or 0 when it is not there or not in the catalog.</summary>
    internal static int Rank(RedialTurn turn, Func<Core.Recommendations.RecommendationQuery, ConversationSignals, IReadOnlyList<Core.Recommendations.Recommendation>> rank)
    {
        if (turn.TargetMovieId is not { } target)
        {
            return 0;
        }

        var ranked = rank(turn.Query, turn.Signals);
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].MovieId == target)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
