using System.Diagnostics;
using ChatBot.Recommendations;
using ChatBot.Recommendations.Evaluation;
using ChatBot.TestSupport;
using TorchSharp;

// Usage:
//   eval [--json FILE] [--protocol NAME ...]   run the protocols (all by default) on ml-100k and ml-latest-small
//   tune rating|ranking|all   print the validation tables the defaults were chosen from
//   tune-ranking P LAMBDA     print the movie-threshold and popularity-penalty table for one EASE setting
var mode = args.Length > 0 ? args[0] : "eval";
switch (mode)
{
    case "eval":
        RunEvaluation(OptionValues(args, "--json").FirstOrDefault(), OptionValues(args, "--protocol").ToHashSet());
        break;
    case "tune":
        torch.set_num_threads(new RecommenderOptions().TrainingThreads);
        Tuning.Run(args.Length > 1 ? args[1] : "all");
        break;
    case "tune-ranking":
        torch.set_num_threads(new RecommenderOptions().TrainingThreads);
        Tuning.TuneRankingDetails(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'. Modes: eval [--json FILE], tune rating|ranking|all, tune-ranking P LAMBDA.");
        return 2;
}

return 0;

static IEnumerable<string> OptionValues(string[] arguments, string name) =>
    arguments.Zip(arguments.Skip(1)).Where(pair => pair.First == name).Select(pair => pair.Second);

static void RunEvaluation(string? jsonPath, HashSet<string> protocols)
{
    var options = new RecommenderOptions();
    torch.set_num_threads(options.TrainingThreads);
    var watch = Stopwatch.StartNew();
    var runner = new EvaluationRunner(options);
    var results = runner.Run(
        [TestData.MovieLens100k, TestData.MovieLensSmall],
        new EvaluationSettings(protocols),
        new Progress(),
        CancellationToken.None);
    Console.Write(EvaluationReport.ToMarkdown(results));
    Console.WriteLine($"Total wall time {watch.Elapsed.TotalSeconds:F0} s.");
    if (jsonPath is not null)
    {
        File.WriteAllText(jsonPath, EvaluationReport.ToJson(results));
    }
}

/// <summary>Writes status lines with a timestamp to standard error.</summary>
internal sealed class Progress : IProgress<string>
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public void Report(string value) => Console.Error.WriteLine($"[{_watch.Elapsed.TotalSeconds,6:F1} s] {value}");
}
