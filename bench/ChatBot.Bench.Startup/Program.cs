using System.Diagnostics;
using System.Globalization;

// Usage: dotnet run -c Release --project bench/ChatBot.Bench.Startup -- MOVIELENS_FOLDER [RUNS]
// Starts the built host (ChatBot.dll) RUNS times with a fresh data folder, pipes "/rate the matrix 5",
// and measures from process start to the first line of the reply on standard output.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: ChatBot.Bench.Startup MOVIELENS_FOLDER [RUNS]");
    return 2;
}

var movieLens = Path.GetFullPath(args[0]);
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var host = Path.Combine(AppContext.BaseDirectory, "ChatBot.dll");
var timings = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var data = Path.Combine(Path.GetTempPath(), $"chatbot-startup-{Guid.NewGuid():N}");
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
