using System.Diagnostics;
using ChatBot.Catalog.MovieLens;
using ChatBot.Language.Corpora;
using ChatBot.Language.Generation;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using ChatBot.Language.Training;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
var synth = new SyntheticDialogues(catalog);
var formatter = new TranscriptFormatter(GptTokenizer.Instance);
var config = GptConfig.Default with { Dropout = 0.0, Width = int.Parse(args[2]), Layers = int.Parse(args[3]), ContextLength = 256 };
var sw = Stopwatch.StartNew();
var examples = synth.Generate(int.Parse(args[0]), 1).Select(e => formatter.FormatExample(e.Request, e.Response, config.ContextLength)).ToList();
Console.WriteLine($"format {examples.Count} in {sw.Elapsed}; avg tokens {examples.Average(e => e.Tokens.Length):F1}, avg reply {examples.Average(e => e.Tokens.Length - e.PromptLength):F1}, max {examples.Max(e => e.Tokens.Length)}");
foreach (var e in synth.Generate(3, 7)) { Console.WriteLine(GptTokenizer.Instance.Decode(formatter.FormatExample(e.Request, e.Response, 384).Tokens).Replace("\n", "\n  ")); Console.WriteLine("----"); }
var validation = examples.Take(200).ToList();
var training = examples.Skip(200).ToList();
TorchSharp.torch.manual_seed(1);
using var model = new GptModel(config);
Console.WriteLine($"params {model.ParameterCount:N0}");
var result = new GptTrainer().Train(model, training, validation, new TrainingOptions { TimeLimit = TimeSpan.FromSeconds(double.Parse(args[1])), EvaluateEvery = 100, BatchSize = 16, LearningRate = 3e-3, WarmupSteps = 50 }, null, false,
    p => { if (p.Step % 20 == 0) Console.WriteLine($"step {p.Step} loss {p.Loss:F3} val {p.ValidationLoss:F3} tok/s {p.TokensPerSecond:F0} frac {p.Fraction:F2}"); }, default);
Console.WriteLine(result);
foreach (var e in synth.Generate(5, 99, heldOut: true))
{
    var prompt = formatter.FormatPrompt(e.Request, config.ContextLength, 80);
    var gen = GptGenerator.Generate(model, prompt.Tokens, new GenerationSettings { Seed = 1 });
    Console.WriteLine($"PROMPT cands: {string.Join("; ", e.Request.Candidates.Select(c => c.DisplayTitle))}\nUSER: {e.Request.UserMessage}\nGEN: {GptTokenizer.Instance.Decode(gen.Tokens)}\n {gen.Tokens.Count / gen.Elapsed.TotalSeconds:F0} tok/s ttft {gen.TimeToFirstToken.TotalMilliseconds:F0}ms");
}
