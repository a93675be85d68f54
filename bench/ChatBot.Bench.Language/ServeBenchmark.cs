using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Configuration;
using ChatBot.Language.Corpora;
using ChatBot.Language.Generators;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Bench.Language;

/// <summary>
/// Serves held-out reply requests to many concurrent callers through <see cref="LocalGptReplyGenerator"/>: each
/// caller sends its next request as soon as the previous reply arrives (a closed loop), as people chatting do.
/// </summary>
internal static class ServeBenchmark
{
    private const int HeldOutSeed = 20_261_204;

    public static async Task<int> RunAsync(string modelFolder, string[] arguments)
    {
        var callers = IntOption(arguments, "--callers", 100);
        var seconds = IntOption(arguments, "--seconds", 20);
        var options = new LocalModelOptions
        {
            MaxBatchSize = IntOption(arguments, "--max-batch-size", new LocalModelOptions().MaxBatchSize),
            ParallelBatches = IntOption(arguments, "--parallel-batches", new LocalModelOptions().ParallelBatches),
            BatchWindowMilliseconds = IntOption(arguments, "--window-ms", new LocalModelOptions().BatchWindowMilliseconds),
            TimeoutSeconds = 600,

            // Program.cs applies --threads to TorchSharp; the automatic batch count divides the cores by it.
            Threads = TorchSharp.torch.get_num_threads(),
        };

        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
        var requests = Requests(new SyntheticDialogues(catalog), 400, IntOption(arguments, "--history", 2));
        var model = GptModelFiles.Load(modelFolder);
        var formatter = new TranscriptFormatter(GptTokenizer.Instance, model.Config.PromptFormat);
        using var generator = new LocalGptReplyGenerator(model, formatter, options);
        // The generator keeps only the latest MaxHistoryTurns turns, so the prompt it reads is measured the same way.
        var promptTokens = requests.Average(r => formatter.FormatPrompt(
            r with { History = [.. r.History.TakeLast(options.MaxHistoryTurns)] }, generator.Model.Config.ContextLength, options.MaxNewTokens).Tokens.Length);

        // One untimed reply loads the native kernels.
        await generator.GenerateAsync(requests[0], CancellationToken.None);
        var latencies = new ConcurrentBag<double>();
        var replyTokens = new ConcurrentBag<int>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var next = caller; stopwatch.Elapsed < duration; next += callers)
            {
                var started = Stopwatch.GetTimestamp();
                var reply = await generator.GenerateAsync(requests[next % requests.Count], CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                replyTokens.Add(formatter.Tokenizer.Encode(reply.Text).Count);
            }
        })));
        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var sorted = latencies.Order().ToList();
        double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"serve: {callers} callers, max batch size {options.MaxBatchSize}, parallel batches {options.EffectiveParallelBatches()}, window {options.BatchWindowMilliseconds} ms, TorchSharp threads {TorchSharp.torch.get_num_threads()}; prompts of {promptTokens:F0} tokens on average, replies of {replyTokens.Average():F1} tokens (relexicalised)"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {sorted.Count} replies in {stopwatch.Elapsed.TotalSeconds:F1} s: {sorted.Count / stopwatch.Elapsed.TotalSeconds:F1} replies/s; latency p50 {Percentile(0.5):F0} ms, p95 {Percentile(0.95):F0} ms, p99 {Percentile(0.99):F0} ms; CPU {cpu.TotalMilliseconds / sorted.Count:F1} ms per reply ({cpu / stopwatch.Elapsed:F2} cores busy); largest batch {generator.LargestBatch}"));
        return 0;
    }

    /// <summary>Builds held-out requests whose history contains the <paramref name="historyDialogues"/> dialogues before them, so prompts are as long as in a running conversation.</summary>
    private static List<ReplyGenerationRequest> Requests(SyntheticDialogues dialogues, int count, int historyDialogues)
    {
        var examples = dialogues.Generate(count * 2, HeldOutSeed, heldOut: true).Where(e => e.Request.Candidates.Count > 0).Take(count).ToList();
        var requests = new List<ReplyGenerationRequest>(examples.Count);
        for (var i = 0; i < examples.Count; i++)
        {
            var history = new List<ConversationTurn>();
            foreach (var earlier in Enumerable.Range(i - historyDialogues, historyDialogues).Where(j => j >= 0))
            {
                history.Add(new ConversationTurn(TurnSpeaker.Person, examples[earlier].Request.UserMessage, DateTimeOffset.UnixEpoch, []));
                history.Add(new ConversationTurn(TurnSpeaker.Bot, examples[earlier].Response, DateTimeOffset.UnixEpoch, []));
            }

            requests.Add(examples[i].Request with { History = history });
        }

        return requests;
    }

    private static int IntOption(string[] arguments, string name, int fallback)
    {
        var at = Array.IndexOf(arguments, name);
        return at >= 0 && at + 1 < arguments.Length ? int.Parse(arguments[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
