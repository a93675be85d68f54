using System.Diagnostics;
using System.Globalization;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Movies;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Configuration;
using ChatBot.Language.Corpora;
using ChatBot.Language.Generation;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Templates;
using ChatBot.Language.Tokenization;
using ChatBot.Language.Training;
using ChatBot.Language.Verbs;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Bench.Language;

/// <summary>The language model benchmarks; every figure is printed to standard output.</summary>
internal static class Benchmarks
{
    /// <summary>The seed of the held-out prompts; training synthesises with seed 42 from other users.</summary>
    private const int HeldOutSeed = 20_261_204;

    private static readonly Lazy<IMovieCatalog> Catalog = new(() =>
        new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog);

    public static async Task<int> TrainAsync(string output, string[] arguments)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new SingleServiceProvider(Catalog.Value);
        var verb = new TrainLanguageModelVerb(services, configuration, Options.Create(new LanguageOptions()), NullLogger<TrainLanguageModelVerb>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var exitCode = await verb.RunAsync(["--output", output, .. arguments], CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train-lm wall time including corpus synthesis: {stopwatch.Elapsed.TotalMinutes:F1} min"));
        return exitCode;
    }

    public static int Measure(string modelFolder, string[] arguments)
    {
        var promptCount = arguments.Length >= 2 && arguments[0] == "--prompts" ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 200;
        using var model = GptModelFiles.Load(modelFolder);
        var formatter = new TranscriptFormatter(GptTokenizer.Instance, model.Config.PromptFormat);
        var dialogues = new SyntheticDialogues(Catalog.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {model.ParameterCount:N0} parameters, {model.Config.Layers} layers, width {model.Config.Width}, {model.Config.Heads} heads, context {model.Config.ContextLength}, vocabulary {model.Config.VocabularySize}"));

        var validation = dialogues.Generate(1000, HeldOutSeed + 1, heldOut: true)
            .Select(e => model.Vocabulary.ToModel(formatter.FormatExample(e.Request, e.Response, model.Config.ContextLength + 1), formatter.Tokenizer))
            .ToList();
        var loss = GptTrainer.Evaluate(model, validation, 16);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validation (1000 held-out synthesised dialogues): loss {loss:F4}, perplexity {Math.Exp(loss):F3}"));

        var prompts = dialogues.Generate(promptCount * 3, HeldOutSeed, heldOut: true)
            .Where(e => e.Request.Candidates.Count > 0)
            .Take(promptCount)
            .ToList();
        MeasureSpeed("default model", model, prompts.Take(20).Select(p => formatter.FormatPrompt(p.Request, model.Config.ContextLength, 80).Tokens).ToList(), 60);
        MeasureGrounding(model, formatter, prompts);
        return 0;
    }

    public static int MeasureGpt2Small()
    {
        torch_seed();
        using var model = new GptModel(GptConfig.Gpt2Small with { Dropout = 0 });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GPT-2-small shape: {model.ParameterCount:N0} parameters (random weights), vocabulary {model.Config.VocabularySize}"));
        var random = new Random(1);
        var sequences = Enumerable.Range(0, 12)
            .Select(_ => new TranscriptTokens([.. Enumerable.Range(0, 257).Select(_ => random.Next(GptTokenizer.VocabularySize))], 1, 0))
            .ToList();
        var options = new TrainingOptions { BatchSize = 4, Epochs = 1, WarmupSteps = 1, EvaluateEvery = int.MaxValue, CheckpointEvery = int.MaxValue };
        var result = new GptTrainer().Train(model, sequences, [], options, outputFolder: null, resume: false, onProgress: null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training: {result.Steps} steps of 4 x 256 tokens, {result.TokensPerSecond:F0} tokens/s"));

        var prompts = Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<int>)[.. Enumerable.Range(0, 100).Select(_ => random.Next(GptTokenizer.VocabularySize))]).ToList();
        MeasureSpeed("GPT-2-small shape", model, prompts, 30);
        return 0;

        static void torch_seed() => TorchSharp.torch.manual_seed(1);
    }

    /// <summary>Generates exactly <paramref name="newTokens"/> tokens per prompt (no stop token) with and without the cache.</summary>
    private static void MeasureSpeed(string label, GptModel model, IReadOnlyList<IReadOnlyList<int>> prompts, int newTokens)
    {
        // One untimed run loads the native kernels.
        GptGenerator.Generate(model, prompts[0], new GenerationSettings { MaxNewTokens = 4, StopTokenId = null, Seed = 1 });
        foreach (var useCache in new[] { true, false })
        {
            var settings = new GenerationSettings { MaxNewTokens = newTokens, StopTokenId = null, Seed = 1, UseCache = useCache };
            var results = prompts.Select(p => GptGenerator.Generate(model, p, settings)).ToList();
            var tokens = results.Sum(r => r.Tokens.Count);
            var seconds = results.Sum(r => r.Elapsed.TotalSeconds);
            var firstToken = Median(results.Select(r => r.TimeToFirstToken.TotalMilliseconds));
            var perReply = results.Select(r => r.Elapsed.TotalSeconds).Order().ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{label}, batch 1, {(useCache ? "with" : "without")} KV cache: {tokens / seconds:F0} tokens/s over {prompts.Count} prompts of ~{prompts.Average(p => p.Count):F0} tokens; time to first token median {firstToken:F0} ms; {newTokens}-token reply median {Median(perReply):F3} s, max {perReply[^1]:F3} s"));
        }
    }

    private static void MeasureGrounding(GptModel model, TranscriptFormatter formatter, IReadOnlyList<DialogueExample> prompts)
    {
        var grounder = new ExactTitleGrounder(Catalog.Value);
        var titleIndex = new ChatBot.Catalog.Titles.TitleIndex(Catalog.Value);
        var indexGrounded = 0;
        var generator = new ChatBot.Language.Generators.LocalGptReplyGenerator(model, formatter, new LocalModelOptions { Seed = 7, TimeoutSeconds = 30 });
        int titles = 0, grounded = 0, fromCandidates = 0, replies = 0, repliesWithTitles = 0, chineseSamples = 0;
        var latencies = new List<double>();
        foreach (var prompt in prompts)
        {
            var reply = generator.GenerateAsync(prompt.Request, CancellationToken.None).GetAwaiter().GetResult();
            latencies.Add(reply.Elapsed.TotalSeconds);
            replies++;
            var claims = grounder.Claims(reply.Text);
            titles += claims.Count;
            repliesWithTitles += claims.Count > 0 ? 1 : 0;
            grounded += claims.Count(c => c.Movie is not null);
            indexGrounded += CountIndexGrounded(titleIndex, reply.Text);
            fromCandidates += claims.Count(c => c.Movie is not null && prompt.Request.Candidates.Any(x => x.MovieId == c.Movie.Id));
            if (replies <= 3 || (prompt.Request.Language == "zh" && chineseSamples++ < 2))
            {
                Console.WriteLine($"  sample: {prompt.Request.UserMessage} -> {reply.Text}");
            }
        }

        latencies.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"grounding on {replies} held-out prompts: {titles} titles named; the title index reconciled {indexGrounded} = {100.0 * indexGrounded / Math.Max(titles, 1):F1}%; exact title and year matched {grounded} = {100.0 * grounded / Math.Max(titles, 1):F1}%; {100.0 * fromCandidates / Math.Max(titles, 1):F1}% were prompt candidates; {repliesWithTitles} replies named a title; reply latency median {Median(latencies):F3} s, p95 {latencies[(int)(latencies.Count * 0.95)]:F3} s"));
    }

    /// <summary>
    /// Counts the "(YYYY)" title claims in the text that the title index reconciles: a mention of a movie from that
    /// year starts after the previous claim and no later than the year itself.
    /// </summary>
    private static int CountIndexGrounded(ChatBot.Core.Titles.ITitleIndex index, string text)
    {
        var mentions = index.ExtractMentions(text);
        var count = 0;
        var previousEnd = 0;
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, @"\((\d{4})\)"))
        {
            var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var found = mentions.Any(m => m.Start >= previousEnd && m.Start <= match.Index && m.Movie.Year == year);
            count += found ? 1 : 0;
            previousEnd = match.Index + match.Length;
            if (!found && Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
            {
                Console.Error.WriteLine($"not reconciled: {text[Math.Max(0, match.Index - 50)..previousEnd]}");
            }
        }

        return count;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private sealed class SingleServiceProvider(IMovieCatalog catalog) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IMovieCatalog) ? catalog : null;
    }
}
