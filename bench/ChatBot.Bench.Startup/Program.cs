using System.Diagnostics;
using System.Globalization;

// Usage: dotnet run -c Release --project bench/ChatBot.Bench.Startup -- MOVIELENS_FOLDER [RUNS] [RECOMMENDER_MODEL]
// Starts the built host (ChatBot.dll) RUNS times with a fresh data folder, pipes "/rate the matrix 5",
// and measures from process start to the first line of the reply on standard output. With
// RECOMMENDER_MODEL, that trained model file is copied into each data folder first, so the host
// also loads it at start, as a bot that has run before does.
if (args.Length is < 1 or > 3)
{
    Console.Error.WriteLine("usage: ChatBot.Bench.Startup MOVIELENS_FOLDER [RUNS] [RECOMMENDER_MODEL]");
    return 2;
}

var movieLens = Path.GetFullPath(args[0]);
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var model = args.Length > 2 ? Path.GetFullPath(args[2]) : null;
var host = Path.Combine(AppContext.BaseDirectory, "ChatBot.dll");
var timings = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var data = Path.Combine(Path.GetTempPath(), $"chatbot-startup-{Guid.NewGuid():N}");
    if (model is not null)
    {
        Directory.CreateDirectory(data);
        File.Copy(model, Path.Combine(data, "recommender.model"));
    }

    var start = new ProcessStartInfo("dotnet", [host, $"--Catalog:MovieLensPath={movieLens}", $"--Data:Directory={data}"])
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    var stopwatch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    _ = process.StandardError.ReadToEndAsync();
    await process.StandardInput.WriteLineAsync("/rate the matrix 5");
    process.StandardInput.Close();
    var firstLine = await process.StandardOutput.ReadLineAsync();
    var elapsed = stopwatch.Elapsed.TotalMilliseconds;
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    Directory.Delete(data, recursive: true);

    if (firstLine is null || !firstLine.Contains("The Matrix", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"run {run}: unexpected reply '{firstLine}' (exit code {process.ExitCode})");
        return 1;
    }

    // The first run warms the disk cache and is not counted.
    if (run > 0)
    {
        timings.Add(elapsed);
    }
}

timings.Sort();
Console.WriteLine($"runs: {timings.Count}");
Console.WriteLine($"startup to first reply, median: {timings[timings.Count / 2]:0} ms");
Console.WriteLine($"startup to first reply, max: {timings[^1]:0} ms");
return 0;
