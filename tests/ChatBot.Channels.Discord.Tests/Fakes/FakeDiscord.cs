using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>
/// A fake Discord on 127.0.0.1 that follows the documented API v10 protocol: REST routes under /api/v10
/// and a WebSocket gateway at /gateway (identify) and /resume (resume URL). Tests script dispatch events
/// and inject faults: dropped sockets, missing heartbeat ACKs, opcodes 7 and 9, close codes, 429s and delays.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string BotUserId = "900000000000000001";
    public const string ApplicationId = "900000000000000002";
    public const string Token = "MTIzNDU2Nzg5.fake.token-for-tests";

    private readonly WebApplication _app;
    private readonly Channel<RecordedRequest> _requestFeed = Channel.CreateUnbounded<RecordedRequest>();
    private readonly Channel<FakeGatewayConnection> _connectionFeed = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly ConcurrentQueue<Func<RecordedRequest, FakeResponse?>> _restScript = new();
    private readonly Lock _sessionLock = new();
    private readonly List<(long Sequence, string Type, JsonNode Data)> _sessionEvents = [];
    private long _nextMessageId = 800000000000000000;
    private int _sessionCounter;
    private int _identifyCount;
    private int _resumeCount;

    private FakeDiscord(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Gets the REST base address to configure as Discord:ApiBaseUrl.</summary>
    public string ApiBaseUrl { get; private set; } = string.Empty;

    public int Port { get; private set; }

    /// <summary>Gets or sets the heartbeat interval sent in Hello, in milliseconds.</summary>
    public int HeartbeatIntervalMilliseconds { get; set; } = 45_000;

    /// <summary>Gets or sets whether heartbeats are acknowledged; false makes the connection look dead to the client.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>Gets or sets the session start limit returned by GET /gateway/bot.</summary>
    public (int Total, int Remaining, long ResetAfterMilliseconds, int MaxConcurrency) SessionStartLimit { get; set; } = (1000, 1000, 0, 1);

    /// <summary>Gets or sets the commands GET .../commands returns.</summary>
    public JsonArray RegisteredCommands { get; set; } = [];

    /// <summary>Gets or sets whether requests are kept in <see cref="Requests"/> for waiting; a soak test turns it off.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Gets or sets a callback that receives every REST request with its response status.</summary>
    public Action<RecordedRequest, int>? OnResponse { get; set; }

    /// <summary>Gets every REST request in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Gets every gateway connection in arrival order.</summary>
    public ConcurrentQueue<FakeGatewayConnection> Connections { get; } = new();

    /// <summary>Gets the current session id, or null before the first Identify.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Gets the connection that currently streams the session's events, or null.</summary>
    public FakeGatewayConnection? Current { get; private set; }

    /// <summary>Gets how many sessions were identified.</summary>
    public int IdentifyCount => _identifyCount;

    /// <summary>Gets how many Resume payloads arrived, successful or not.</summary>
    public int ResumeCount => _resumeCount;

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Map("/gateway", context => fake.AcceptGatewayAsync(context, isResumeUrl: false));
        app.Map("/resume", context => fake.AcceptGatewayAsync(context, isResumeUrl: true));
        app.Map("/api/v10/{**path}", fake.HandleRestAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First();
        fake.Port = new Uri(address).Port;
        fake.ApiBaseUrl = $"http://127.0.0.1:{fake.Port}/api/v10";
        return fake;
    }

    /// <summary>Adds a one-time REST response: the first queued rule that returns a response is used and removed.</summary>
    public void EnqueueRest(Func<RecordedRequest, FakeResponse?> rule) => _restScript.Enqueue(rule);

    /// <summary>Waits for the next REST request that matches, including ones that already arrived and were not taken.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var request = await _requestFeed.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
            if (match(request))
            {
                return request;
            }
        }
    }

    /// <summary>Waits for the next gateway connection.</summary>
    public async Task<FakeGatewayConnection> WaitForConnectionAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _connectionFeed.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a dispatch to the session: it is sent now when a connection streams the session, and replayed on
    /// resume when the client has not acknowledged it by sequence number.
    /// </summary>
    public async Task<long> DispatchAsync(string type, JsonNode data, bool deliver = true)
    {
        long sequence;
        FakeGatewayConnection? connection;
        lock (_sessionLock)
        {
            sequence = _sessionEvents.Count == 0 ? 1 : _sessionEvents[^1].Sequence + 1;
            _sessionEvents.Add((sequence, type, data));
            connection = deliver ? Current : null;
        }

        if (connection is not null)
        {
            await connection.TrySendDispatchAsync(sequence, type, data).ConfigureAwait(false);
        }

        return sequence;
    }

    /// <summary>Builds a MESSAGE_CREATE payload.</summary>
    public static JsonObject Message(string id, string channelId, string authorId, string content, string? guildId = null, bool mentionBot = false) => new()
    {
        ["id"] = id,
        ["channel_id"] = channelId,
        ["guild_id"] = guildId,
        ["author"] = new JsonObject { ["id"] = authorId, ["username"] = "user" + authorId[^3..], ["bot"] = false },
        ["content"] = content,
        ["type"] = 0,
        ["mentions"] = mentionBot ? new JsonArray(new JsonObject { ["id"] = BotUserId, ["username"] = "moviebot", ["bot"] = true }) : new JsonArray(),
    };

    /// <summary>Builds an INTERACTION_CREATE payload for a guild.</summary>
    public static JsonObject Interaction(string id, int type, JsonObject data, string userId = "700000000000000001", string channelId = "600000000000000001", string locale = "en-US") => new()
    {
        ["id"] = id,
        ["application_id"] = ApplicationId,
        ["type"] = type,
        ["data"] = data,
        ["guild_id"] = "500000000000000001",
        ["channel_id"] = channelId,
        ["channel"] = new JsonObject { ["id"] = channelId, ["type"] = 0 },
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["username"] = "tester" } },
        ["token"] = "interaction-token-" + id,
        ["version"] = 1,
        ["locale"] = locale,
        ["guild_locale"] = "en-US",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections.Where(connection => !connection.Closed.IsCompleted))
        {
            try
            {
                connection.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request already ended.
            }
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AcceptGatewayAsync(HttpContext context, bool isResumeUrl)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (!userAgent.StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            // Some gateways refuse a handshake without a User-Agent; this one does too, so the client must send it.
            context.Response.StatusCode = 403;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new FakeGatewayConnection(this, socket, isResumeUrl, context.Request.QueryString.Value ?? string.Empty, userAgent);
        Connections.Enqueue(connection);
        _connectionFeed.Writer.TryWrite(connection);
        await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        lock (_sessionLock)
        {
            if (Current == connection)
            {
                Current = null;
            }
        }
    }

    /// <summary>Starts a new session for an Identify and sends READY as its first event.</summary>
    internal async Task OnIdentifyAsync(FakeGatewayConnection connection)
    {
        Interlocked.Increment(ref _identifyCount);
        string sessionId;
        lock (_sessionLock)
        {
            sessionId = "session-" + Interlocked.Increment(ref _sessionCounter).ToString(CultureInfo.InvariantCulture);
            SessionId = sessionId;
            _sessionEvents.Clear();
            Current?.Detach();
            Current = connection;
        }

        var ready = new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = BotUserId, ["username"] = "moviebot", ["bot"] = true },
            ["guilds"] = new JsonArray(),
            ["session_id"] = sessionId,
            ["resume_gateway_url"] = $"ws://127.0.0.1:{Port}/resume",
            ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
        };
        await DispatchAsync("READY", ready).ConfigureAwait(false);
    }

    /// <summary>Replays the events after <paramref name="sequence"/> and sends RESUMED, or Invalid Session for an unknown session.</summary>
    internal async Task OnResumeAsync(FakeGatewayConnection connection, string sessionId, long? sequence)
    {
        Interlocked.Increment(ref _resumeCount);
        List<(long Sequence, string Type, JsonNode Data)> missed;
        lock (_sessionLock)
        {
            if (sessionId != SessionId)
            {
                missed = [];
            }
            else
            {
                missed = _sessionEvents.Where(item => item.Sequence > (sequence ?? 0)).ToList();
                Current?.Detach();
                Current = connection;
            }
        }

        if (sessionId != SessionId)
        {
            await connection.SendInvalidSessionAsync(resumable: false).ConfigureAwait(false);
            return;
        }

        foreach (var item in missed)
        {
            await connection.TrySendDispatchAsync(item.Sequence, item.Type, item.Data).ConfigureAwait(false);
        }

        await DispatchAsync("RESUMED", new JsonObject()).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops stored events up to a sequence number the client has handled, ended connections and connections
    /// not yet taken by <see cref="WaitForConnectionAsync"/>, so a long soak run keeps no history.
    /// </summary>
    public void ForgetHistoryThrough(long sequence)
    {
        lock (_sessionLock)
        {
            _sessionEvents.RemoveAll(item => item.Sequence <= sequence && item.Sequence < _sessionEvents[^1].Sequence);
        }

        while (_connectionFeed.Reader.TryRead(out _))
        {
        }

        var open = Connections.Where(connection => !connection.Closed.IsCompleted).ToList();
        Connections.Clear();
        foreach (var connection in open)
        {
            connection.ForgetReceived();
            Connections.Enqueue(connection);
        }
    }

    /// <summary>Forgets the session, so the next Resume gets Invalid Session (not resumable).</summary>
    public void InvalidateSession()
    {
        lock (_sessionLock)
        {
            SessionId = null;
            _sessionEvents.Clear();
        }
    }

    private async Task HandleRestAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var request = new RecordedRequest(
            context.Request.Method,
            "/" + (string?)context.Request.RouteValues["path"],
            context.Request.QueryString.Value ?? string.Empty,
            body,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.UserAgent.ToString(),
            DateTimeOffset.UtcNow);
        if (RecordRequests)
        {
            Requests.Enqueue(request);
            _requestFeed.Writer.TryWrite(request);
        }

        var response = NextScripted(request) ?? DefaultResponse(request);
        OnResponse?.Invoke(request, response.Status);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private FakeResponse? NextScripted(RecordedRequest request)
    {
        var count = _restScript.Count;
        for (var i = 0; i < count && _restScript.TryDequeue(out var rule); i++)
        {
            if (rule(request) is { } response)
            {
                return response;
            }

            _restScript.Enqueue(rule);
        }

        return null;
    }

    private FakeResponse DefaultResponse(RecordedRequest request)
    {
        if (request.Authorization != "Bot " + Token)
        {
            return new FakeResponse(401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
        }

        var path = request.Path;
        if (request.Method == "GET" && path == "/gateway/bot")
        {
            var limit = SessionStartLimit;
            return new FakeResponse(200, new JsonObject
            {
                ["url"] = $"ws://127.0.0.1:{Port}/gateway",
                ["shards"] = 1,
                ["session_start_limit"] = new JsonObject
                {
                    ["total"] = limit.Total,
                    ["remaining"] = limit.Remaining,
                    ["reset_after"] = limit.ResetAfterMilliseconds,
                    ["max_concurrency"] = limit.MaxConcurrency,
                },
            });
        }

        if (request.Method == "POST" && path.StartsWith("/channels/", StringComparison.Ordinal) && path.EndsWith("/messages", StringComparison.Ordinal))
        {
            var channelId = path.Split('/')[2];
            var id = Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture);
            return new FakeResponse(200, new JsonObject { ["id"] = id, ["channel_id"] = channelId, ["content"] = "", ["author"] = new JsonObject { ["id"] = BotUserId } });
        }

        if (request.Method == "GET" && path == "/applications/@me")
        {
            return new FakeResponse(200, new JsonObject { ["id"] = ApplicationId, ["name"] = "moviebot", ["bot_public"] = true });
        }

        if (request.Method == "POST" && path == "/users/@me/channels")
        {
            return new FakeResponse(200, new JsonObject { ["id"] = "610000000000000001", ["type"] = 1 });
        }

        if (path.EndsWith("/commands", StringComparison.Ordinal))
        {
            if (request.Method == "PUT")
            {
                RegisteredCommands = JsonNode.Parse(request.Body)!.AsArray();
            }

            return new FakeResponse(200, JsonNode.Parse(RegisteredCommands.ToJsonString()));
        }

        if (path.StartsWith("/interactions/", StringComparison.Ordinal) || request.Method == "DELETE")
        {
            return new FakeResponse(204, null);
        }

        if (path.StartsWith("/webhooks/", StringComparison.Ordinal))
        {
            return new FakeResponse(200, new JsonObject { ["id"] = Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture) });
        }

        return new FakeResponse(404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
    }
}

/// <summary>A REST request as the fake received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string Authorization, string UserAgent, DateTimeOffset ReceivedAt)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>A scripted REST response.</summary>
public sealed record FakeResponse(int Status, JsonNode? Body)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public TimeSpan Delay { get; init; }

    /// <summary>Builds a 429 with Discord's headers and body.</summary>
    public static FakeResponse RateLimited(double retryAfterSeconds, bool global, string scope = "user") => new(
        429,
        new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = retryAfterSeconds, ["global"] = global })
    {
        Headers = global
            ? [("Retry-After", Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture)), ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global")]
            : [("Retry-After", Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture)), ("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture)), ("X-RateLimit-Bucket", "fakebucket"), ("X-RateLimit-Scope", scope)],
    };
}
