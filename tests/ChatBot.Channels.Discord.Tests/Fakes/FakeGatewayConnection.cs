using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>One client socket on the fake gateway: sends Hello, acknowledges heartbeats and handles Identify and Resume.</summary>
public sealed class FakeGatewayConnection
{
    private readonly FakeDiscord _discord;
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<JsonObject> _receivedFeed = Channel.CreateUnbounded<JsonObject>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sessionStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _detached;

    internal FakeGatewayConnection(FakeDiscord discord, WebSocket socket, bool isResumeUrl, string query, string userAgent)
    {
        _discord = discord;
        _socket = socket;
        IsResumeUrl = isResumeUrl;
        Query = query;
        UserAgent = userAgent;
    }

    /// <summary>Gets whether the client connected to the resume URL from READY.</summary>
    public bool IsResumeUrl { get; }

    public string Query { get; }

    public string UserAgent { get; }

    /// <summary>Gets every payload the client sent, in order.</summary>
    public List<JsonObject> Received { get; } = [];

    public bool Identified { get; private set; }

    public bool Resumed { get; private set; }

    /// <summary>Gets the Identify or Resume payload's data, once it arrived.</summary>
    public JsonObject? Handshake { get; private set; }

    /// <summary>Gets a task that completes with the client's close status when the socket ends (null: no close frame).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>Gets a task that completes when the client identified or resumed on this socket.</summary>
    public Task SessionStarted => _sessionStarted.Task;

    public int HeartbeatCount
    {
        get
        {
            lock (Received)
            {
                return Received.Count(payload => (int?)payload["op"] == 1);
            }
        }
    }

    /// <summary>Waits for the next payload from the client that matches.</summary>
    public async Task<JsonObject> WaitForPayloadAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var payload = await _receivedFeed.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
            if (match(payload))
            {
                return payload;
            }
        }
    }

    public Task SendReconnectAsync() => SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    public Task SendInvalidSessionAsync(bool resumable) => SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

    /// <summary>Asks the client for an immediate heartbeat (opcode 1 from the server).</summary>
    public Task RequestHeartbeatAsync() => SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    /// <summary>Closes the socket with a close code, as Discord does on errors.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort()
    {
        _detached = true;
        _socket.Abort();
    }

    /// <summary>Sends the first half of a dispatch frame and then drops the connection: a drop in mid-stream.</summary>
    public async Task DropInMidMessageAsync(string type, JsonNode data)
    {
        var sequence = await _discord.DispatchAsync(type, data, deliver: false).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(Frame(sequence, type, data).ToJsonString());
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes.AsMemory(0, bytes.Length / 2), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        Abort();
    }

    internal void Detach() => _detached = true;

    internal void ForgetReceived()
    {
        lock (Received)
        {
            Received.Clear();
        }
    }

    internal async Task TrySendDispatchAsync(long sequence, string type, JsonNode data)
    {
        if (_detached)
        {
            return;
        }

        try
        {
            await SendAsync(Frame(sequence, type, data)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client missed it; a resume replays it.
        }
    }

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = _discord.HeartbeatIntervalMilliseconds } }).ConfigureAwait(false);
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(_socket.CloseStatus);
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var payload = JsonNode.Parse(message.ToArray())!.AsObject();
                lock (Received)
                {
                    Received.Add(payload);
                }

                _receivedFeed.Writer.TryWrite(payload);
                await OnPayloadAsync(payload).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _detached = true;
        }
    }

    private async Task OnPayloadAsync(JsonObject payload)
    {
        switch ((int?)payload["op"])
        {
            case 1 when _discord.AcknowledgeHeartbeats:
                await SendAsync(new JsonObject { ["op"] = 11 }).ConfigureAwait(false);
                break;
            case 2:
                Handshake = payload["d"]!.AsObject();
                Identified = true;
                if ((string?)Handshake["token"] == FakeDiscord.Token)
                {
                    await _discord.OnIdentifyAsync(this).ConfigureAwait(false);
                }
                else
                {
                    await CloseAsync(4004, "Authentication failed.").ConfigureAwait(false);
                }

                // READY (or the replay and RESUMED) went out first, so events the test sends next reach this socket.
                _sessionStarted.TrySetResult();
                break;
            case 6:
                Handshake = payload["d"]!.AsObject();
                Resumed = true;
                await _discord.OnResumeAsync(this, (string?)Handshake["session_id"] ?? string.Empty, (long?)Handshake["seq"]).ConfigureAwait(false);
                _sessionStarted.TrySetResult();
                break;
            default:
                break;
        }
    }

    private static JsonObject Frame(long sequence, string type, JsonNode data) => new()
    {
        ["op"] = 0,
        ["s"] = sequence,
        ["t"] = type,
        ["d"] = JsonNode.Parse(data.ToJsonString()),
    };

    private async Task SendAsync(JsonObject payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
