using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Gateway;

/// <summary>
/// One gateway shard over ClientWebSocket with JSON encoding: Hello, heartbeats with zombie detection,
/// Identify within the session start limit, Resume after drops, Reconnect and Invalid Session handling and
/// close-code classification. Dispatch events go to <see cref="Dispatches"/>; a consumer must read them,
/// because the receive loop waits when the channel is full.
/// </summary>
internal sealed partial class DiscordGatewayClient
{
    private const int DispatchCapacity = 1024;
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly GatewayTimings _timings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ChannelStatus? _status;
    private readonly ChatBotMetrics? _metrics;
    private readonly Channel<GatewayDispatch> _dispatches =
        Channel.CreateBounded<GatewayDispatch>(new BoundedChannelOptions(DispatchCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private GatewayBotInfo _gatewayInfo = new();
    private SessionStartLimit _startLimit = new();
    private DateTimeOffset _lastIdentifyAt = DateTimeOffset.MinValue;
    private GatewaySession? _session;
    private long? _lastSequence;

    public DiscordGatewayClient(
        DiscordRestClient rest,
        DiscordOptions options,
        GatewayTimings timings,
        TimeProvider timeProvider,
        ILogger logger,
        ChannelStatus? status = null,
        ChatBotMetrics? metrics = null)
    {
        _status = status;
        _metrics = metrics;
        _rest = rest;
        _options = options;
        _timings = timings;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets the dispatch events in the order the gateway sent them, each once.</summary>
    public ChannelReader<GatewayDispatch> Dispatches => _dispatches.Reader;

    /// <summary>Gets the intents sent with Identify.</summary>
    public GatewayIntents Intents =>
        GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.DirectMessages
        | (_options.MessageContentIntent ? GatewayIntents.MessageContent : GatewayIntents.None);

    /// <summary>
    /// Runs the shard until <paramref name="cancellationToken"/> is cancelled (then closes with 1000 and throws
    /// <see cref="OperationCanceledException"/>) or a fatal close code arrives (then throws
    /// <see cref="DiscordGatewayFatalException"/>). Transient failures never end it.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshGatewayInfoAsync(cancellationToken).ConfigureAwait(false);
            var backoff = new ExponentialBackoff(_timings.ReconnectInitialDelay, TimeSpan.FromSeconds(_options.ReconnectMaxDelaySeconds), _timeProvider);
            var resumeFailures = 0;
            var resume = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                resume &= _session is not null;
                if (!resume)
                {
                    await WaitForIdentifyAllowanceAsync(cancellationToken).ConfigureAwait(false);
                }

                var url = resume ? _session!.ResumeGatewayUrl : _gatewayInfo.Url;
                var outcome = await RunConnectionSafelyAsync(url, resume, cancellationToken).ConfigureAwait(false);
                if (outcome.Action == CloseAction.Fatal)
                {
                    var code = outcome.CloseCode ?? 0;
                    throw new DiscordGatewayFatalException(
                        code,
                        $"The Discord gateway closed with {GatewayCloseCodes.Describe(code)}. {GatewayCloseCodes.Fix(code, _gatewayInfo.Shards)}");
                }

                if (outcome.SessionEstablished)
                {
                    backoff.Reset();
                    resumeFailures = 0;
                }
                else if (resume)
                {
                    resumeFailures++;
                }

                resume = outcome.Action == CloseAction.Resume;
                if (resume && resumeFailures >= _timings.MaxResumeFailures)
                {
                    LogResumeGivenUp(_logger, resumeFailures);
                    resume = false;
                }

                if (!resume)
                {
                    _session = null;
                }

                var delay = outcome.InvalidSession && !resume
                    ? RandomBetween(_timings.InvalidSessionMinDelay, _timings.InvalidSessionMaxDelay)
                    : outcome.Immediate && outcome.SessionEstablished ? TimeSpan.Zero : backoff.NextDelay();
                LogReconnecting(_logger, outcome.Reason, resume ? "resume" : "identify", (long)delay.TotalMilliseconds);
                _status?.Set(ChannelState.Reconnecting, outcome.Kind);
                _metrics?.Reconnected(Platforms.Discord, outcome.Kind);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _dispatches.Writer.TryComplete();
        }
    }

    private async Task<ConnectionOutcome> RunConnectionSafelyAsync(string url, bool resume, CancellationToken cancellationToken)
    {
        try
        {
            return await RunConnectionAsync(url, resume, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not DiscordGatewayFatalException)
        {
            // Any failure of one connection, expected (network, protocol) or not, ends in a reconnect: the
            // supervisor loop never gives up while the host runs.
            LogConnectionFailed(_logger, exception);
            return new ConnectionOutcome(CloseAction.Resume, $"connection failed: {exception.Message}", "connection failed");
        }
    }

    private async Task<ConnectionOutcome> RunConnectionAsync(string url, bool resume, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("User-Agent", DiscordRestClient.UserAgent);
        var uri = BuildGatewayUri(url);
        LogConnecting(_logger, uri.GetLeftPart(UriPartial.Path), resume ? "resume" : "identify");
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(_timings.ConnectTimeout);
            await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
        }

        var connection = new GatewayConnection(socket, _timeProvider);
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The receive token is not the host's token: cancelling a ClientWebSocket receive aborts the socket, and a
        // shutdown must first send a 1000 close frame. It is cancelled only when a close takes too long.
        using var receiveAbort = new CancellationTokenSource();
        using var shutdown = cancellationToken.Register(() => _ = CloseForShutdownAsync(connection, receiveAbort));
        Task? heartbeat = null;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            while (true)
            {
                var frame = await ReceiveAsync(socket, buffer, receiveAbort.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    return OnClosed(socket, connection, cancellationToken);
                }

                var payload = JsonSerializer.Deserialize<GatewayPayload>(frame.Value.Span, DiscordJson.Options)
                    ?? throw new InvalidDataException("The gateway sent an empty payload.");
                switch (payload.Op)
                {
                    case GatewayOpcodes.Hello:
                        var hello = payload.D.Deserialize<HelloData>(DiscordJson.Options)
                            ?? throw new InvalidDataException("The gateway's Hello has no data.");
                        var interval = TimeSpan.FromMilliseconds(hello.HeartbeatInterval);
                        heartbeat = HeartbeatAsync(connection, interval, heartbeatStop.Token);
                        if (resume && _session is not null)
                        {
                            connection.IsResuming = true;
                            await connection.SendAsync(GatewayOpcodes.Resume, new ResumeData(_options.BotToken!, _session.SessionId, _lastSequence), cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            await IdentifyAsync(connection, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case GatewayOpcodes.HeartbeatAck:
                        connection.AckReceived = true;
                        break;
                    case GatewayOpcodes.Heartbeat:
                        await connection.SendHeartbeatAsync(_lastSequence, cancellationToken).ConfigureAwait(false);
                        break;
                    case GatewayOpcodes.Dispatch when payload.T is not null && payload.S is not null:
                        await OnDispatchAsync(connection, payload.T, payload.S.Value, payload.D, cancellationToken).ConfigureAwait(false);
                        break;
                    case GatewayOpcodes.Reconnect:
                        await connection.CloseQuietlyAsync((WebSocketCloseStatus)4000, "Reconnect requested", _timings.CloseTimeout).ConfigureAwait(false);
                        return new ConnectionOutcome(CloseAction.Resume, "the gateway requested a reconnect (opcode 7)", "opcode 7", Immediate: true, SessionEstablished: connection.SessionEstablished);
                    case GatewayOpcodes.InvalidSession:
                        var resumable = payload.D.ValueKind == JsonValueKind.True;
                        await connection.CloseQuietlyAsync((WebSocketCloseStatus)4000, "Invalid session", _timings.CloseTimeout).ConfigureAwait(false);
                        return new ConnectionOutcome(
                            resumable ? CloseAction.Resume : CloseAction.Identify,
                            resumable ? "invalid session (opcode 9, resumable)" : "invalid session (opcode 9, not resumable)",
                            "opcode 9",
                            SessionEstablished: connection.SessionEstablished,
                            InvalidSession: true);
                    default:
                        break;
                }
            }
        }
        catch (Exception exception) when (connection.IsZombie && exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return new ConnectionOutcome(CloseAction.Resume, "zombie connection: no heartbeat ACK since the last heartbeat", "zombie", SessionEstablished: connection.SessionEstablished);
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            if (heartbeat is not null)
            {
                await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (socket.State is not WebSocketState.Closed and not WebSocketState.Aborted)
            {
                socket.Abort();
            }
        }
    }

    private ConnectionOutcome OnClosed(ClientWebSocket socket, GatewayConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var code = socket.CloseStatus is { } status ? (int?)status : null;
        var action = GatewayCloseCodes.Classify(code);
        if (action == CloseAction.Fatal)
        {
            return new ConnectionOutcome(CloseAction.Fatal, GatewayCloseCodes.Describe(code), CloseKind(code), CloseCode: code);
        }

        // A failed resume falls back to Identify rather than resuming the same dead session again.
        if (connection.IsResuming && !connection.SessionEstablished && code is 4003 or 4007 or 4009)
        {
            action = CloseAction.Identify;
        }

        return new ConnectionOutcome(action, $"closed with {GatewayCloseCodes.Describe(code)}", CloseKind(code), CloseCode: code, SessionEstablished: connection.SessionEstablished);
    }

    private async Task OnDispatchAsync(GatewayConnection connection, string type, long sequence, JsonElement data, CancellationToken cancellationToken)
    {
        if (type == "READY")
        {
            var ready = data.Deserialize<ReadyData>(DiscordJson.Options) ?? throw new InvalidDataException("READY has no data.");
            _session = new GatewaySession(ready.SessionId, ready.ResumeGatewayUrl.Length > 0 ? ready.ResumeGatewayUrl : _gatewayInfo.Url);
            connection.SessionEstablished = true;
            _status?.Set(ChannelState.Connected, "ready");
            LogReady(_logger, ready.SessionId, ready.User.Id, _options.ShardId, _options.ShardCount);
        }
        else if (type == "RESUMED")
        {
            connection.SessionEstablished = true;
            _status?.Set(ChannelState.Connected, "resumed");
            LogResumed(_logger, _session?.SessionId ?? "none", _lastSequence ?? 0);
        }

        // Within one session a sequence number never repeats; an old one is a replay already handled.
        if (_lastSequence is { } last && sequence <= last)
        {
            LogDuplicateDispatch(_logger, type, sequence);
            return;
        }

        _lastSequence = sequence;
        var dispatch = new GatewayDispatch(type, sequence, data.Clone());
        if (!_dispatches.Writer.TryWrite(dispatch))
        {
            LogDispatchBackpressure(_logger, DispatchCapacity);
            await _dispatches.Writer.WriteAsync(dispatch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task IdentifyAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        _lastSequence = null;
        var identify = new IdentifyData(
            _options.BotToken!,
            (int)Intents,
            new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "ChatBot", "ChatBot"),
            [_options.ShardId, _options.ShardCount]);
        await connection.SendAsync(GatewayOpcodes.Identify, identify, cancellationToken).ConfigureAwait(false);
        LogIdentified(_logger, (int)Intents, _options.ShardId, _options.ShardCount, _startLimit.Remaining);
    }

    private async Task HeartbeatAsync(GatewayConnection connection, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            // The first beat waits a random part of the interval, so clients reconnecting together spread out.
            await Task.Delay(interval * Random.Shared.NextDouble(), _timeProvider, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (!connection.AckReceived)
                {
                    LogZombie(_logger, (long)interval.TotalMilliseconds);
                    connection.IsZombie = true;
                    connection.Socket.Abort();
                    return;
                }

                connection.AckReceived = false;
                await connection.SendHeartbeatAsync(_lastSequence, cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The receive loop detects the broken socket and decides what follows.
            LogHeartbeatFailed(_logger, exception.Message);
        }
    }

    private async Task CloseForShutdownAsync(GatewayConnection connection, CancellationTokenSource receiveAbort)
    {
        LogClosing(_logger);
        await connection.CloseQuietlyAsync(WebSocketCloseStatus.NormalClosure, "Shutting down", _timings.CloseTimeout).ConfigureAwait(false);

        // The receive loop ends when the server's close frame arrives; a silent server gets aborted.
        try
        {
            await Task.Delay(_timings.CloseTimeout, _timeProvider, CancellationToken.None).ConfigureAwait(false);
            await receiveAbort.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private static async Task<ReadOnlyMemory<byte>?> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new InvalidDataException($"A gateway message exceeded {MaxMessageBytes} bytes.");
            }

            if (result.EndOfMessage)
            {
                return buffer.WrittenMemory;
            }
        }
    }

    private async Task WaitForIdentifyAllowanceAsync(CancellationToken cancellationToken)
    {
        // Identify calls of one max_concurrency bucket need 5 s between them. This process runs one shard,
        // so it keeps that spacing between its own identifies.
        // NOTE: several processes whose shards share a bucket (shard_id % max_concurrency) do not coordinate.
        var sinceLast = _timeProvider.GetUtcNow() - _lastIdentifyAt;
        if (sinceLast < _timings.IdentifyInterval)
        {
            await Task.Delay(_timings.IdentifyInterval - sinceLast, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (_lastIdentifyAt != DateTimeOffset.MinValue)
        {
            await TryRefreshGatewayInfoAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_startLimit.Remaining <= 0)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Max(_startLimit.ResetAfter, 1000));
            LogSessionStartLimit(_logger, _startLimit.Total, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
            await TryRefreshGatewayInfoAsync(cancellationToken).ConfigureAwait(false);
        }

        _startLimit = _startLimit with { Remaining = _startLimit.Remaining - 1 };
        _lastIdentifyAt = _timeProvider.GetUtcNow();
    }

    private async Task RefreshGatewayInfoAsync(CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(_timings.ReconnectInitialDelay, TimeSpan.FromSeconds(_options.ReconnectMaxDelaySeconds), _timeProvider);
        while (!await TryRefreshGatewayInfoAsync(cancellationToken).ConfigureAwait(false))
        {
            var delay = backoff.NextDelay();
            LogReconnecting(_logger, "GET /gateway/bot failed", "identify", (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryRefreshGatewayInfoAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await _rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(info.Url))
            {
                throw new DiscordRestException("GET /gateway/bot returned no gateway URL.");
            }

            _gatewayInfo = info;
            _startLimit = info.SessionStartLimit;
            LogGatewayInfo(_logger, info.Shards, info.SessionStartLimit.Remaining, info.SessionStartLimit.Total, info.SessionStartLimit.MaxConcurrency);
            if (info.Shards > _options.ShardCount)
            {
                LogMoreShardsRecommended(_logger, info.Shards, _options.ShardCount);
            }

            return true;
        }
        catch (DiscordRestException exception) when (exception is not DiscordUnauthorizedException)
        {
            LogGatewayInfoFailed(_logger, exception);
            return false;
        }
        catch (JsonException exception)
        {
            LogGatewayInfoFailed(_logger, exception);
            return false;
        }
    }

    private static Uri BuildGatewayUri(string url)
    {
        var builder = new UriBuilder(url);
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        builder.Query = "v=10&encoding=json";
        return builder.Uri;
    }

    private static TimeSpan RandomBetween(TimeSpan minimum, TimeSpan maximum) =>
        minimum + ((maximum - minimum) * Random.Shared.NextDouble());

    /// <summary>The state a resume needs.</summary>
    private sealed record GatewaySession(string SessionId, string ResumeGatewayUrl);

    private static string CloseKind(int? code) =>
        code is { } value ? "close " + value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "close without code";

    /// <summary>How a connection ended and what follows.</summary>
    /// <param name="Reason">The reason for logs, with details.</param>
    /// <param name="Kind">The reason as a short fixed phrase, for metrics and the channel status.</param>
    private sealed record ConnectionOutcome(
        CloseAction Action,
        string Reason,
        string Kind,
        int? CloseCode = null,
        bool Immediate = false,
        bool SessionEstablished = false,
        bool InvalidSession = false);

    /// <summary>One socket: its single writer and its heartbeat state.</summary>
    private sealed class GatewayConnection(ClientWebSocket socket, TimeProvider timeProvider)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);

        public ClientWebSocket Socket => socket;

        public volatile bool AckReceived = true;

        public volatile bool IsZombie;

        public volatile bool SessionEstablished;

        public bool IsResuming { get; set; }

        public Task SendAsync(int op, object data, CancellationToken cancellationToken) =>
            SendBytesAsync(JsonSerializer.SerializeToUtf8Bytes(new OutgoingPayload(op, data), DiscordJson.Options), cancellationToken);

        public Task SendHeartbeatAsync(long? sequence, CancellationToken cancellationToken)
        {
            var text = sequence is { } value
                ? $"{{\"op\":1,\"d\":{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"
                : "{\"op\":1,\"d\":null}";
            return SendBytesAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        public async Task CloseQuietlyAsync(WebSocketCloseStatus status, string description, TimeSpan timeout)
        {
            using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
            try
            {
                await _sendLock.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
                try
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(status, description, timeoutSource.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                socket.Abort();
            }
        }

        private async Task SendBytesAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
    }

    private sealed record OutgoingPayload(int Op, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? D);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Discord gateway: connecting to {Url} to {Mode}.")]
    private static partial void LogConnecting(ILogger logger, string url, string mode);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Discord gateway: identified with intents {Intents} as shard {ShardId} of {ShardCount}; {RemainingStarts} session starts left.")]
    private static partial void LogIdentified(ILogger logger, int intents, int shardId, int shardCount, int remainingStarts);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Discord gateway: ready, session {SessionId}, bot user {BotUserId}, shard {ShardId} of {ShardCount}.")]
    private static partial void LogReady(ILogger logger, string sessionId, string botUserId, int shardId, int shardCount);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Discord gateway: resumed session {SessionId} after sequence {Sequence}.")]
    private static partial void LogResumed(ILogger logger, string sessionId, long sequence);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Discord gateway: reconnecting to {Mode} in {DelayMilliseconds} ms; reason: {Reason}.")]
    private static partial void LogReconnecting(ILogger logger, string reason, string mode, long delayMilliseconds);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Discord gateway: no heartbeat ACK within {IntervalMilliseconds} ms; the connection is a zombie and is replaced.")]
    private static partial void LogZombie(ILogger logger, long intervalMilliseconds);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Discord gateway: the connection failed.")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Discord gateway: {Failures} resume attempts failed in a row; identifying a new session.")]
    private static partial void LogResumeGivenUp(ILogger logger, int failures);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Discord gateway: the session start limit ({Total} per day) is used up; waiting {DelayMilliseconds} ms before identifying.")]
    private static partial void LogSessionStartLimit(ILogger logger, int total, long delayMilliseconds);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Discord gateway: {RecommendedShards} shards recommended; {Remaining} of {Total} session starts left; max concurrency {MaxConcurrency}.")]
    private static partial void LogGatewayInfo(ILogger logger, int recommendedShards, int remaining, int total, int maxConcurrency);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Discord gateway: GET /gateway/bot failed.")]
    private static partial void LogGatewayInfoFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Discord gateway: Discord recommends {RecommendedShards} shards but Discord:ShardCount is {ShardCount}.")]
    private static partial void LogMoreShardsRecommended(ILogger logger, int recommendedShards, int shardCount);

    [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "Discord gateway: skipped {Type} with sequence {Sequence}, which was already handled.")]
    private static partial void LogDuplicateDispatch(ILogger logger, string type, long sequence);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Discord gateway: {Capacity} dispatch events wait for handlers; receiving pauses until they are taken.")]
    private static partial void LogDispatchBackpressure(ILogger logger, int capacity);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Discord gateway: closing the connection with 1000 (normal closure).")]
    private static partial void LogClosing(ILogger logger);

    [LoggerMessage(EventId = 115, Level = LogLevel.Debug, Message = "Discord gateway: a heartbeat could not be sent: {Reason}.")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);
}
