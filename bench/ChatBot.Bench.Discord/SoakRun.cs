using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Channels.Discord;
using ChatBot.Channels.Discord.Gateway;
using ChatBot.Channels.Discord.Tests.Fakes;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Bench.Discord;

/// <summary>One soak run: a fake Discord, the channel in a real host, and the per-round bookkeeping.</summary>
internal sealed class SoakRun : IAsyncDisposable, IConversationHandler
{
    private const string UserId = "700000000000000001";
    private const string DmChannelId = "610000000000000001";

    private static readonly string[] Faults =
    [
        "socket dropped", "dropped in mid-message", "opcode 7 reconnect", "opcode 9 resumable", "opcode 9 not resumable",
        "zombie (no heartbeat ACK)", "close 4000", "close 4009", "REST 429 (route)", "REST 429 (global)", "REST 502",
    ];

    private readonly FakeDiscord _discord;
    private readonly CountingLoggerProvider _logs;
    private readonly int _messagesPerRound;
    private IHost _host = null!;
    private ConcurrentDictionary<string, int> _handled = new();
    private ConcurrentDictionary<string, int> _answered = new();

    private SoakRun(FakeDiscord discord, CountingLoggerProvider logs, int messagesPerRound)
    {
        _discord = discord;
        _logs = logs;
        _messagesPerRound = messagesPerRound;
    }

    public static async Task<SoakRun> StartAsync(int messagesPerRound)
    {
        var discord = await FakeDiscord.StartAsync();
        discord.HeartbeatIntervalMilliseconds = 1000;
        discord.RecordRequests = false;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscord.Token,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord:ReconnectMaxDelaySeconds"] = "2",
            ["Discord:RegisterCommands"] = "false",
        });
        var logs = new CountingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(new GatewayTimings
        {
            IdentifyInterval = TimeSpan.FromMilliseconds(200),
            InvalidSessionMinDelay = TimeSpan.FromMilliseconds(100),
            InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(300),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
        });
        var run = new SoakRun(discord, logs, messagesPerRound);
        builder.Services.AddSingleton<IConversationHandler>(run);
        builder.Services.AddDiscordChannel(builder.Configuration);
        run._host = builder.Build();
        discord.OnResponse = run.OnResponse;
        await run._host.StartAsync();
        var connection = await discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        return run;
    }

    public Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        _handled.AddOrUpdate(message.MessageId!, 1, (_, count) => count + 1);
        return Task.FromResult(Reply.Plain("Noted: " + message.Text, "en"));
    }

    public async Task<SoakResult> RunAsync(TimeSpan duration)
    {
        var result = new SoakResult { MessagesPerRound = _messagesPerRound };
        var clock = Stopwatch.StartNew();
        var nextMessageId = 100_000_000_000_000_000L;
        var round = 0;
        while (clock.Elapsed < duration)
        {
            var fault = Faults[round % Faults.Length];
            _handled = new ConcurrentDictionary<string, int>();
            _answered = new ConcurrentDictionary<string, int>();
            var ids = new List<string>();
            long lastSequence = 0;
            var expectReplacement = false;
            FakeGatewayConnection? before = null;
            for (var part = 0; part < 3; part++)
            {
                if (part == 1)
                {
                    before = _discord.Current;
                    expectReplacement = await InjectAsync(fault, before);
                }

                for (var i = 0; i < _messagesPerRound / 3; i++)
                {
                    var id = (nextMessageId++).ToString(CultureInfo.InvariantCulture);
                    ids.Add(id);
                    lastSequence = await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message(id, DmChannelId, UserId, $"message {id}"));
                }

                // One slash command per part, so interaction callbacks (one rate-limit bucket each) run too.
                var interactionId = (nextMessageId++).ToString(CultureInfo.InvariantCulture);
                ids.Add(interactionId);
                lastSequence = await _discord.DispatchAsync(
                    "INTERACTION_CREATE",
                    FakeDiscord.Interaction(interactionId, 2, new JsonObject { ["id"] = "200000000000000001", ["name"] = "ratings", ["type"] = 1 }));

                if (part == 1 && expectReplacement)
                {
                    await WaitForReplacementAsync(before);
                }
            }

            var complete = await WaitForAnswersAsync(ids, TimeSpan.FromSeconds(30));
            result.Record(fault, ids.Count, _handled, _answered, complete);
            _discord.ForgetHistoryThrough(lastSequence);
            round++;
            if (round % Faults.Length == 0)
            {
                result.MemorySamples.Add((clock.Elapsed, ManagedHeapBytes(), Environment.WorkingSet));
            }
        }

        result.MemorySamples.Add((clock.Elapsed, ManagedHeapBytes(), Environment.WorkingSet));
        result.Rounds = round;
        result.Elapsed = clock.Elapsed;
        result.Identifies = _discord.IdentifyCount;
        result.Resumes = _discord.ResumeCount;
        result.Warnings = _logs.Warnings;
        result.Errors = _logs.Errors;
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _discord.DisposeAsync();
    }

    private static long ManagedHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private void OnResponse(RecordedRequest request, int status)
    {
        if (status == 200 && request.Method == "POST" && request.Path == $"/channels/{DmChannelId}/messages"
            && request.Json?["message_reference"]?["message_id"] is JsonNode reference)
        {
            _answered.AddOrUpdate((string)reference!, 1, (_, count) => count + 1);
        }
        else if (status == 204 && request.Path.StartsWith("/interactions/", StringComparison.Ordinal))
        {
            _answered.AddOrUpdate(request.Path.Split('/')[2], 1, (_, count) => count + 1);
        }
    }

    /// <summary>Injects a fault; returns true when the client is expected to replace its gateway connection.</summary>
    private async Task<bool> InjectAsync(string fault, FakeGatewayConnection? connection)
    {
        if (connection is null)
        {
            throw new InvalidOperationException("No live gateway connection to inject a fault into.");
        }

        switch (fault)
        {
            case "socket dropped":
                connection.Abort();
                return true;
            case "dropped in mid-message":
                await connection.DropInMidMessageAsync("GUILD_CREATE", new JsonObject { ["id"] = "500000000000000001" });
                return true;
            case "opcode 7 reconnect":
                await connection.SendReconnectAsync();
                return true;
            case "opcode 9 resumable":
                await connection.SendInvalidSessionAsync(resumable: true);
                return true;
            case "opcode 9 not resumable":
                // Events of an invalidated session are gone by protocol, so the round goes on in the new session.
                await connection.SendInvalidSessionAsync(resumable: false);
                await WaitForReplacementAsync(connection);
                return false;
            case "zombie (no heartbeat ACK)":
                _discord.AcknowledgeHeartbeats = false;
                return true;
            case "close 4000":
                await connection.CloseAsync(4000, "soak");
                return true;
            case "close 4009":
                // 4009 ends the session, as opcode 9 without resume does.
                await connection.CloseAsync(4009, "soak");
                await WaitForReplacementAsync(connection);
                return false;
            case "REST 429 (route)":
                _discord.EnqueueRest(request => request.Method == "POST" ? FakeResponse.RateLimited(0.2, global: false) : null);
                return false;
            case "REST 429 (global)":
                _discord.EnqueueRest(request => request.Method == "POST" ? FakeResponse.RateLimited(0.2, global: true) : null);
                return false;
            case "REST 502":
                _discord.EnqueueRest(request => request.Method == "POST" ? new FakeResponse(502, null) : null);
                return false;
            default:
                throw new InvalidOperationException(fault);
        }
    }

    /// <summary>Waits until another connection streams the session, then acknowledges heartbeats again.</summary>
    private async Task WaitForReplacementAsync(FakeGatewayConnection? old)
    {
        var clock = Stopwatch.StartNew();
        while (_discord.Current is not { } current || current == old || !current.SessionStarted.IsCompleted)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The client did not reconnect within 30 s.");
            }

            await Task.Delay(10);
        }

        _discord.AcknowledgeHeartbeats = true;
    }

    private async Task<bool> WaitForAnswersAsync(List<string> ids, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (ids.All(_answered.ContainsKey))
            {
                // A short grace period lets a late duplicate show up before the round is judged.
                await Task.Delay(200);
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}

/// <summary>The soak test's totals and memory samples.</summary>
internal sealed class SoakResult
{
    public int MessagesPerRound { get; init; }

    public int Rounds { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int Identifies { get; set; }

    public int Resumes { get; set; }

    public int Warnings { get; set; }

    public int Errors { get; set; }

    public int Sent { get; private set; }

    public int Lost { get; private set; }

    public int HandledTwice { get; private set; }

    public int AnsweredTwice { get; private set; }

    public int IncompleteRounds { get; private set; }

    public Dictionary<string, int> FaultCounts { get; } = [];

    public List<(TimeSpan At, long HeapBytes, long WorkingSetBytes)> MemorySamples { get; } = [];

    public bool Passed => Lost == 0 && HandledTwice == 0 && AnsweredTwice == 0 && IncompleteRounds == 0 && HeapGrowthBytes < 16 * 1024 * 1024;

    /// <summary>Gets the managed heap growth from the first sample (after one round of every fault, as warm-up) to the last.</summary>
    public long HeapGrowthBytes => MemorySamples.Count < 2 ? 0 : MemorySamples[^1].HeapBytes - MemorySamples[0].HeapBytes;

    public void Record(string fault, int sent, IReadOnlyDictionary<string, int> handled, IReadOnlyDictionary<string, int> answered, bool complete)
    {
        Sent += sent;
        FaultCounts[fault] = FaultCounts.GetValueOrDefault(fault) + 1;
        Lost += sent - handled.Count;
        HandledTwice += handled.Values.Count(count => count > 1);
        AnsweredTwice += answered.Values.Count(count => count > 1);
        IncompleteRounds += complete ? 0 : 1;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| duration | {Elapsed.TotalMinutes:0.0} min |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| rounds (one fault each) | {Rounds} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| faults injected | {string.Join(", ", FaultCounts.Select(pair => $"{pair.Key} ×{pair.Value}"))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| messages sent | {Sent} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| messages lost | {Lost} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| messages handled twice | {HandledTwice} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| replies sent twice | {AnsweredTwice} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| rounds not fully answered within 30 s | {IncompleteRounds} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sessions identified / resumes | {Identifies} / {Resumes} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| warnings / errors logged | {Warnings} / {Errors} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| managed heap, first → last sample | {Mb(MemorySamples.FirstOrDefault().HeapBytes)} → {Mb(MemorySamples.LastOrDefault().HeapBytes)} MiB ({HeapGrowthBytes / 1024.0:+0;-0} KiB) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| working set, first → last sample | {Mb(MemorySamples.FirstOrDefault().WorkingSetBytes)} → {Mb(MemorySamples.LastOrDefault().WorkingSetBytes)} MiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| heap samples (MiB) | {string.Join(" ", MemorySamples.Select(sample => Mb(sample.HeapBytes)))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| result | {(Passed ? "passed" : "FAILED")} |");
        return text.ToString();
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>Counts warnings and errors without keeping them, so logging does not grow the heap.</summary>
internal sealed class CountingLoggerProvider : ILoggerProvider
{
    private int _warnings;
    private int _errors;

    public int Warnings => _warnings;

    public int Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CountingLogger(CountingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref provider._errors);
            }
            else if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref provider._warnings);
            }
        }
    }
}
