using System.Globalization;
using System.Text.Json;
using ChatBot.Conversations.Ranking;
using ChatBot.Core.Hosting;
using ChatBot.Core.Recommendations;

namespace ChatBot.Conversations.Evaluation;

/// <summary>The "eval-chat" verb: conversational recommendation accuracy on ReDial-format dialogues.</summary>
public sealed class EvalChatVerb(RedialEvaluator evaluator, ChatRanker ranker, IRecommenderWarmup? warmup = null) : ICommandLineVerb
{
    private const int MaxReportedSkips = 10;
    private const int MaxListedUnmapped = 30;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => "eval-chat";

    public string Summary => "Measure conversational recommendation recall on ReDial-format JSONL dialogues.";

    public string Usage => """
        Usage: eval-chat FILE.jsonl [FILE.jsonl ...] [--json OUTPUT]

        Loads the recommender model from the data folder (training and saving one first when there is
        none). For every turn where the human recommender suggests a movie, ranks the catalog with the chat
        pipeline's conversation ranker given the conversation so far: the seeker's latest message as the
        request, and the earlier messages and earlier-mentioned movies (with the seeker's stated opinions
        as ratings) as signals. The ranker uses <Data:Directory>/<ChatRanker:ModelFileName> when
        train-chat-ranker wrote one; when that model holds ReDial mention counts, each file is ranked with
        the counts minus its own dialogues' mentions, so they do not give the answers away. Reports
        Recall@1/10/50 on all such turns and on "dedup" turns (the suggested movie was not mentioned
        before), the share of the file's movies that were found in the catalog, and the time one ranking
        takes. A movie missing from the catalog counts as a miss; those movies are listed on standard error.
          --json OUTPUT   also write the results as JSON
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var files = new List<string>();
        string? json = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--json" && i + 1 < arguments.Count)
            {
                json = arguments[++i];
            }
            else if (arguments[i].StartsWith('-'))
            {
                await Console.Error.WriteLineAsync($"Unknown option '{arguments[i]}'.\n{Usage}").ConfigureAwait(false);
                return 2;
            }
            else
            {
                files.Add(arguments[i]);
            }
        }

        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Name at least one ReDial JSONL file.\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        // Rank with the trained model as the running bot would: load it, or train it once when missing.
        if (warmup is not null && !await warmup.EnsureModelAsync(trainIfMissing: true, cancellationToken).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync("warning: no trained recommender model; ranking by popularity.").ConfigureAwait(false);
        }

        var rankerModel = File.Exists(ranker.ModelPath) ? ranker.ModelPath : "built-in weights";
        var results = new List<RedialEvaluation>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"error: the file '{file}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var skipped = 0;
            var dialogues = RedialDialogue.ReadJsonLines(file, (line, reason) =>
            {
                if (++skipped <= MaxReportedSkips)
                {
                    Console.Error.WriteLine($"{file}:{line}: skipped, not a valid ReDial dialogue ({reason})");
                }
            }).ToList();
            if (skipped > MaxReportedSkips)
            {
                await Console.Error.WriteLineAsync($"{file}: {skipped - MaxReportedSkips} more lines skipped.").ConfigureAwait(false);
            }

            results.Add(evaluator.Evaluate(file, dialogues));
        }

        await Console.Out.WriteLineAsync("| file | conversations | turns | R@1 | R@10 | R@50 | dedup turns | dedup R@1 | dedup R@10 | dedup R@50 | movies mapped | suggestions mapped |").ConfigureAwait(false);
        await Console.Out.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|").ConfigureAwait(false);
        foreach (var r in results)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {r.File} | {r.Conversations} | {r.All.Turns} | {r.All.RecallAt1:0.000} | {r.All.RecallAt10:0.000} | {r.All.RecallAt50:0.000} | {r.Dedup.Turns} | {r.Dedup.RecallAt1:0.000} | {r.Dedup.RecallAt10:0.000} | {r.Dedup.RecallAt50:0.000} | {r.MappedMovieShare:P1} | {r.MappedTargetShare:P1} |")).ConfigureAwait(false);
        }

        foreach (var r in results)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.File}: ranking time per turn (missing-from-catalog turns are not ranked) mean {r.RankingMilliseconds.Mean:0.00} ms, p99 {r.RankingMilliseconds.P99:0.00} ms; ranker model: {rankerModel}")).ConfigureAwait(false);
            if (r.UnmappedSuggestions.Count > 0)
            {
                // Standard error, so the table on standard output stays clean; these turns count as misses.
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{r.File}: suggested movies not found in the catalog ({r.UnmappedSuggestions.Count}, most suggested first): ")
                    + string.Join("; ", r.UnmappedSuggestions.Take(MaxListedUnmapped).Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Name} ×{u.Suggestions}")))
                    + (r.UnmappedSuggestions.Count > MaxListedUnmapped ? "; …" : string.Empty)).ConfigureAwait(false);
            }
        }

        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, JsonOptions), cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
