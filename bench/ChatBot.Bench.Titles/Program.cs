using System.Diagnostics;
using System.Globalization;
using ChatBot.Bench.Titles;
using ChatBot.Catalog;
using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.Core.Titles;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

// Title reconciliation benchmark. Prints Markdown tables on standard output and progress on standard error.
//   dotnet run -c Release --project bench/ChatBot.Bench.Titles -- [--data DIR] [--per-kind N] [--skip-fuzzysharp] [--skip-scale]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var progress = Console.Error;

progress.WriteLine($"Loading {options.DataFolder}");
var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(options.DataFolder).Catalog;

var coldBuild = Stopwatch.StartNew();
var index = new TitleIndex(catalog);
coldBuild.Stop();
var warmBuilds = Enumerable.Range(0, 5).Select(_ => Time(() => new TitleIndex(catalog))).Order().ToArray();

var generated = GeneratedQueries.Build(catalog, options.PerKind, seed: 20261204);
var handWritten = LabelledQuery.ReadFile(Path.Combine(AppContext.BaseDirectory, "HandWrittenQueries.tsv"));
progress.WriteLine($"{generated.Count} generated and {handWritten.Count} hand-written queries");

var resolvers = new List<IResolver> { new TitleIndexResolver(index), new ExactResolver(catalog) };
if (!options.SkipFuzzySharp)
{
    resolvers.Add(new FuzzySharpResolver(catalog));
}

// Warm up every path so timings measure steady state, not the JIT: both whole sets for the fast resolvers and a
// few queries for FuzzySharp, whose every query already runs its scorer thousands of times.
foreach (var resolver in resolvers)
{
    foreach (var query in resolver is FuzzySharpResolver ? handWritten.Take(5) : generated.Concat(handWritten))
    {
        resolver.Resolve(query.Query);
    }
}

var results = new List<(string Set, Evaluation Evaluation)>();
foreach (var (name, set) in new[] { ("generated", generated), ("hand-written", handWritten) })
{
    foreach (var resolver in resolvers)
    {
        progress.WriteLine($"Resolving the {name} set with {resolver.Name}");
        results.Add((name, Evaluation.Run(resolver, set, resolver is FuzzySharpResolver ? 1 : 3)));
    }
}

Console.WriteLine($"Catalog: {catalog.Name}, {catalog.Movies.Count} movies, {index.EntryCount} indexed spellings.");
Console.WriteLine($"Index build: {coldBuild.Elapsed.TotalMilliseconds:0} ms on first build (includes JIT), median of 5 later builds {warmBuilds[2]:0} ms.");
Console.WriteLine();
Console.WriteLine("Times are the fastest of 3 runs per query (FuzzySharp: 1 run): wall-clock, and the CPU time of the benchmark thread, which leaves out waits for other processes.");
Console.WriteLine();
Console.WriteLine("| Set | Resolver | Top-1 (one answer) | Match and right | Wrong among matches | Ambiguous flagged | Missing rejected | Missing matched | Median µs | p90 µs | Median CPU µs |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var (set, evaluation) in results)
{
    Console.WriteLine(
        $"| {set} ({evaluation.Single.Count()}/{evaluation.Ambiguous.Count()}/{evaluation.Missing.Count()}) | {evaluation.Resolver} | {Percent(evaluation.Top1)} | {Percent(evaluation.MatchedCorrectly)} | {Percent(evaluation.WrongMatches)} | {Percent(evaluation.AmbiguousFlagged)} | {Percent(evaluation.MissingRejected)} | {Percent(evaluation.MissingFalseMatches)} | {evaluation.MedianMicroseconds:0.0} | {evaluation.Percentile(0.9):0.0} | {evaluation.MedianCpuMicroseconds:0.0} |");
}

var engine = results.Where(r => r.Evaluation.Resolver == "TitleIndex").ToList();
Console.WriteLine();
Console.WriteLine("TitleIndex by query kind (top-1 for one-answer queries, flagged for shared titles, rejected for missing films):");
Console.WriteLine();
Console.WriteLine("| Set | Kind | Queries | Top-1 | Ambiguous flagged | Missing rejected |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (set, evaluation) in engine)
{
    foreach (var kind in evaluation.Outcomes.GroupBy(o => o.Query.Kind))
    {
        var single = kind.Where(o => o.Query.Expectation == Expectation.Single);
        var shared = kind.Where(o => o.Query.Expectation == Expectation.Ambiguous);
        var missing = kind.Where(o => o.Query.Expectation == Expectation.None);
        Console.WriteLine(
            $"| {set} | {kind.Key} | {kind.Count()} | {Percent(Evaluation.Share(single, o => o.TopIsExpected))} | {Percent(Evaluation.Share(shared, o => o.IsFlagged))} | {Percent(Evaluation.Share(missing, o => o.Status == TitleMatchStatus.None))} |");
    }
}

PrintCalibration(engine.SelectMany(r => r.Evaluation.Outcomes).Where(o => o.Query.Expectation == Expectation.Single).ToList());
MeasureMentions(catalog, index);
if (!options.SkipScale)
{
    MeasureScale(catalog, generated);
}

foreach (var outcome in engine.SelectMany(r => r.Evaluation.Outcomes).Where(IsWrong))
{
    progress.WriteLine($"miss [{outcome.Query.Kind}] '{outcome.Query.Query}' expected {outcome.Query.Expectation} {string.Join(',', outcome.Query.MovieIds)}; got {outcome.Status} {string.Join(',', outcome.MovieIds.Take(3))} ({outcome.TopScore:0.00})");
}

return 0;

static bool IsWrong(Outcome outcome) => outcome.Query.Expectation switch
{
    Expectation.Single => !outcome.TopIsExpected || outcome.Status == TitleMatchStatus.None,
    Expectation.Ambiguous => !outcome.IsFlagged,
    _ => outcome.Status != TitleMatchStatus.None,
};

static void PrintCalibration(List<Outcome> outcomes)
{
    Console.WriteLine();
    Console.WriteLine("TitleIndex calibration: first candidate's score against how often it is the expected movie (both sets, queries with one answer):");
    Console.WriteLine();
    Console.WriteLine("| Score | Queries | Mean score | First candidate right |");
    Console.WriteLine("|---|---|---|---|");
    double[] edges = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
    for (var i = 0; i < edges.Length - 1; i++)
    {
        var bin = outcomes.Where(o => o.TopScore >= edges[i] && o.TopScore < edges[i + 1]).ToList();
        if (bin.Count > 0)
        {
            Console.WriteLine($"| {edges[i]:0.00}-{Math.Min(1, edges[i + 1]):0.00} | {bin.Count} | {bin.Average(o => o.TopScore):0.00} | {Percent(Evaluation.Share(bin, o => o.TopIsExpected))} |");
        }
    }
}

static void MeasureMentions(ChatBot.Core.Movies.IMovieCatalog catalog, TitleIndex index)
{
    var sets = new (string Name, List<MentionMessage> Messages)[]
    {
        ("30-word messages, titles as written or in lower case", MentionMessages.Build(catalog, 600, words: 30, seed: 7)),
        ("30-word messages, lower-case titles with one typing error", MentionMessages.BuildMisspelt(catalog, 600, words: 30, seed: 7)),
        ("the same, titles of two words or more only", MentionMessages.BuildMisspelt(catalog, 600, words: 30, seed: 7, severalWords: true)),
        ("replies \"Title (Year), Title (Year) and Title (Year)\" for every movie with a year", MentionMessages.BuildReplies(catalog, seed: 7)),
    };
    foreach (var message in sets.SelectMany(set => set.Messages.Take(50)))
    {
        index.ExtractMentions(message.Text);
    }

    Console.WriteLine();
    Console.WriteLine("Mention extraction, fastest of 3 runs per message. The 30-word messages name two or three of the 300 best-known movies among everyday words; the replies name three random movies each:");
    Console.WriteLine();
    Console.WriteLine("| Messages | Count | Named movies | Median µs | p90 µs | Max µs | Median CPU µs | Named movies found | Reported mentions that are named movies |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var (name, messages) in sets)
    {
        MeasureMentionSet(catalog, index, name, messages);
    }

    MeasureOrdinaryChat(index);
}

static void MeasureMentionSet(ChatBot.Core.Movies.IMovieCatalog catalog, TitleIndex index, string name, List<MentionMessage> messages)
{
    var times = new List<double>();
    var cpuTimes = new List<double>();
    int expected = 0, found = 0, reported = 0, right = 0;
    foreach (var message in messages)
    {
        // The fastest of three runs, for the same reason as the lookups.
        var fastest = double.MaxValue;
        var leastCpu = double.MaxValue;
        IReadOnlyList<TitleMention> mentions = [];
        for (var repetition = 0; repetition < 3; repetition++)
        {
            var cpuStarted = ThreadCpuClock.NowMicroseconds();
            var started = Stopwatch.GetTimestamp();
            mentions = index.ExtractMentions(message.Text);
            fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            leastCpu = Math.Min(leastCpu, ThreadCpuClock.NowMicroseconds() - cpuStarted);
        }

        times.Add(fastest);
        cpuTimes.Add(leastCpu);

        // Movies the catalog lists twice under one title and year cannot be distinguished, so either one counts.
        var named = message.MovieIds.Select(id => catalog.Find(id)!).ToList();
        bool IsNamed(ChatBot.Core.Movies.Movie movie) => named.Any(m => m.Id == movie.Id || m.DisplayTitle == movie.DisplayTitle);
        foreach (var missed in named.Where(n => !mentions.Any(m => m.Movie.Id == n.Id || m.Movie.DisplayTitle == n.DisplayTitle)))
        {
            Console.Error.WriteLine($"mention missed: {missed} in '{message.Text}'");
        }

        foreach (var wrong in mentions.Where(m => !IsNamed(m.Movie)))
        {
            Console.Error.WriteLine($"mention wrong: [{wrong.Text}] as {wrong.Movie} in '{message.Text}'");
        }

        expected += named.Count;
        found += named.Count(n => mentions.Any(m => m.Movie.Id == n.Id || m.Movie.DisplayTitle == n.DisplayTitle));
        reported += mentions.Count;
        right += mentions.Count(m => IsNamed(m.Movie));
    }

    times.Sort();
    cpuTimes.Sort();
    Console.WriteLine(
        $"| {name} | {messages.Count} | {expected} | {times[times.Count / 2]:0.0} | {times[(int)(times.Count * 0.9)]:0.0} | {times[^1]:0.0} | {cpuTimes[cpuTimes.Count / 2]:0.0} | {Percent((double)found / expected)} ({found}) | {Percent((double)right / reported)} ({right} of {reported}) |");
}

static void MeasureOrdinaryChat(TitleIndex index)
{
    // ReDial writes each movie as "@id", so with those removed the lines are chat about movies with no title in
    // the form the dataset marks. A reported mention is either a title typed as plain text or a false mention.
    var messages = 0;
    var mentions = new List<string>();
    foreach (var file in new[] { "train_data_sample500.jsonl", "valid_data_sample100.jsonl" })
    {
        foreach (var line in File.ReadLines(Path.Combine(TestData.Redial, file)))
        {
            using var conversation = System.Text.Json.JsonDocument.Parse(line);
            foreach (var message in conversation.RootElement.GetProperty("messages").EnumerateArray())
            {
                var text = System.Text.RegularExpressions.Regex.Replace(message.GetProperty("text").GetString() ?? string.Empty, @"@\d+", string.Empty);
                messages++;
                mentions.AddRange(index.ExtractMentions(text).Select(m => m.Text.ToLowerInvariant()));
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine(
        $"Ordinary chat: {messages} ReDial messages with their \"@id\" movie references removed gave {mentions.Count} mentions " +
        $"({mentions.Count * 1000.0 / messages:0.0} per 1,000 messages). Most frequent: " +
        string.Join(", ", mentions.GroupBy(m => m).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(12).Select(g => $"\"{g.Key}\" {g.Count()}")) + ".");
}

static void MeasureScale(ChatBot.Core.Movies.IMovieCatalog catalog, List<LabelledQuery> queries)
{
    Console.Error.WriteLine("Building the synthetic ml-latest-sized catalog");
    var large = SyntheticCatalog.Build(catalog, targetMovies: 87_000, alternatesPerCopy: 3, seed: 11);
    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var started = Stopwatch.StartNew();
    var index = new TitleIndex(large);
    started.Stop();
    var after = GC.GetTotalMemory(forceFullCollection: true);
    var resolver = new TitleIndexResolver(index);
    foreach (var query in queries.Take(50))
    {
        resolver.Resolve(query.Query);
    }

    var evaluation = Evaluation.Run(resolver, queries, repetitions: 3);
    Console.WriteLine();
    Console.WriteLine("Scale: a synthetic catalog the size of ml-latest (every ml-latest-small movie plus copies with one title word changed, three alternates each); the generated queries, timing only:");
    Console.WriteLine();
    Console.WriteLine("| Movies | Indexed spellings | Build ms | Index memory MiB | Median lookup µs | p90 lookup µs | Median lookup CPU µs |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {index.MovieCount} | {index.EntryCount} | {started.Elapsed.TotalMilliseconds:0} | {(after - before) / 1048576.0:0} | {evaluation.MedianMicroseconds:0.0} | {evaluation.Percentile(0.9):0.0} | {evaluation.MedianCpuMicroseconds:0.0} |");
    GC.KeepAlive(index);
}

static double Time(Action action)
{
    var started = Stopwatch.StartNew();
    action();
    return started.Elapsed.TotalMilliseconds;
}

static string Percent(double share) => double.IsNaN(share) ? "-" : $"{share * 100:0.0}%";

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(string DataFolder, int PerKind, bool SkipFuzzySharp, bool SkipScale)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(TestData.MovieLensSmall, 300, SkipFuzzySharp: false, SkipScale: false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--data" when i + 1 < args.Length => options with { DataFolder = args[++i] },
                "--per-kind" when i + 1 < args.Length => options with { PerKind = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--skip-fuzzysharp" => options with { SkipFuzzySharp = true },
                "--skip-scale" => options with { SkipScale = true },
                _ => throw new ArgumentException(
                    $"Unknown argument '{args[i]}'. Use --data DIR, --per-kind N, --skip-fuzzysharp or --skip-scale."),
            };
        }

        return options;
    }
}
