using System.Diagnostics;
using System.Globalization;
using ChatBot.Catalog;
using ChatBot.Core.Messaging;
using ChatBot.Core.Recommendations;
using ChatBot.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/ChatBot.Bench.Conversation -- MOVIELENS_FOLDER [PEOPLE] [MESSAGES_EACH] [--Section:Key=value ...]
// Composes the host as it runs (LiteDB on disk in a temporary folder, the configured reply generator),
// then lets PEOPLE simulated people send MESSAGES_EACH messages each, all at once, and reports
// messages per second and latency percentiles of IConversationHandler.HandleAsync.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ChatBot.Bench.Conversation MOVIELENS_FOLDER [PEOPLE] [MESSAGES_EACH] [--Section:Key=value ...]");
    return 2;
}

var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var settings = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var movieLens = Path.GetFullPath(positional[0]);
var people = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 100;
var messagesEach = positional.Count > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 50;
var data = Path.Combine(Path.GetTempPath(), $"chatbot-bench-{Guid.NewGuid():N}");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [$"--Catalog:MovieLensPath={movieLens}", $"--Data:Directory={data}", "--Conversation:RateLimitMessages=0", "--Console:Enabled=false", .. settings],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddChatBot(runChannels: false);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
using var host = builder.Build();
var handler = host.Services.GetRequiredService<IConversationHandler>();
_ = host.Services.GetRequiredService<CatalogProvider>().Catalog;

// Serve the trained recommender as the running bot does (train it once into the temporary data folder).
var modelReady = await host.Services.GetRequiredService<IRecommenderWarmup>().EnsureModelAsync(trainIfMissing: true, CancellationToken.None);
Console.WriteLine($"recommender: {host.Services.GetRequiredService<IRecommender>().Name} (trained model: {modelReady})");

string[] requests =
[
    "something funny from the 80s", "any good sci-fi movies?", "something like Heat but funnier?", "a scary movie please",
    "recommend a romantic comedy", "推荐几部科幻电影", "something my kids can watch", "I loved Inception, what else?",
    "give me 5 movies for a movie night", "classic westerns", "any recent action movies?", "a documentary about music",
];
string[] ratings = ["/rate the matrix 5", "/rate toy story 4.5", "/rate pulp fiction 4", "/rate fargo 3.5", "/rate titanic 2", "/rate amelie 4"];

string MessageFor(int person, int index) => (index % 10) switch
{
    0 or 5 => ratings[(person + index) % ratings.Length],
    1 => "/recommend",
    2 => "/ratings",
    3 => "rate 2 4",
    _ => requests[(person * 7 + index) % requests.Length],
};

async Task<List<double>> RunAsync(int count, int each, string prefix)
{
    var latencies = new List<double>[count];
    var byKind = new System.Collections.Concurrent.ConcurrentDictionary<int, List<double>>();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = count }, async (person, token) =>
    {
        var mine = new List<double>(each);
        for (var i = 0; i < each; i++)
        {
            var message = new IncomingMessage
            {
                Platform = "telegram",
                PlatformUserId = $"{prefix}{person}",
                ConversationId = $"{prefix}{person}",
                Locale = "en",
                Text = MessageFor(person, i),
            };
            var started = Stopwatch.GetTimestamp();
            await handler.HandleAsync(message, token);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            mine.Add(elapsed);
            var kindList = byKind.GetOrAdd(i % 10, _ => []);
            lock (kindList)
            {
                kindList.Add(elapsed);
            }
        }

        latencies[person] = mine;
    });
    if (prefix == "person-")
    {
        foreach (var (kind, values) in byKind.OrderBy(p => p.Key))
        {
            values.Sort();
            Console.WriteLine($"  message kind {kind} ({MessageFor(0, kind)}): mean {values.Average():0.0} ms, p99 {values[(int)(values.Count * 0.99)]:0.0} ms");
        }
    }

    return [.. latencies.SelectMany(l => l)];
}

// Warm up the JIT and the caches, and create every person first: the measured run is the steady state.
await RunAsync(people, 1, "person-");
var stopwatch = Stopwatch.StartNew();
var measured = await RunAsync(people, messagesEach, "person-");
stopwatch.Stop();
measured.Sort();

double Percentile(double p) => measured[Math.Min(measured.Count - 1, (int)Math.Ceiling(p * measured.Count) - 1)];
Console.WriteLine($"people: {people}, messages: {measured.Count}, generator settings: {string.Join(' ', settings)}");
Console.WriteLine($"throughput: {measured.Count / stopwatch.Elapsed.TotalSeconds:0} messages/s");
Console.WriteLine($"latency p50: {Percentile(0.50):0.0} ms, p95: {Percentile(0.95):0.0} ms, p99: {Percentile(0.99):0.0} ms, max: {measured[^1]:0.0} ms");
host.Dispose();
if (Directory.Exists(data))
{
    Directory.Delete(data, recursive: true);
}
return 0;
