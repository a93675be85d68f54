using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Tests.Fakes;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Tests;

public sealed class GatewaySessionTests : IAsyncLifetime
{
    private const string GuildId = "500000000000000001";
    private const string ChannelId = "600000000000000001";
    private const string UserId = "700000000000000001";

    private FakeDiscord _discord = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _discord.HeartbeatIntervalMilliseconds = 45_000;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task FullSession_MentionInGuild_RepliesToTheMessage()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("100", ChannelId, UserId, $"<@{FakeDiscord.BotUserId}> recommend a comedy", GuildId, mentionBot: true));
        var incoming = await handler.WaitForMessageAsync();
        var post = await _discord.WaitForRequestAsync(request => request.Method == "POST" && request.Path == $"/channels/{ChannelId}/messages");

        Assert.Equal("discord", incoming.Platform);
        Assert.Equal(UserId, incoming.PlatformUserId);
        Assert.Equal(ChannelId, incoming.ConversationId);
        Assert.Equal("recommend a comedy", incoming.Text);
        Assert.Equal("100", incoming.MessageId);
        var body = post.Json!.AsObject();
        Assert.Equal("You said: recommend a comedy", (string?)body["content"]);
        Assert.Equal("100", (string?)body["message_reference"]!["message_id"]);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("Bot " + FakeDiscord.Token, post.Authorization);
        Assert.StartsWith("DiscordBot (", post.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_DefaultOptions_SendsTokenIntentsShardAndUserAgent()
    {
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler(), settings: new Dictionary<string, string?>
        {
            ["Discord:ShardId"] = "1",
            ["Discord:ShardCount"] = "3",
        });

        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;

        Assert.True(connection.Identified);
        Assert.Equal(FakeDiscord.Token, (string?)connection.Handshake!["token"]);
        Assert.Equal(1 | 512 | 4096, (int?)connection.Handshake["intents"]);
        Assert.Equal(new[] { 1, 3 }, connection.Handshake["shard"]!.AsArray().Select(node => (int)node!));
        Assert.NotNull(connection.Handshake["properties"]!["os"]);
        Assert.Contains("v=10", connection.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", connection.Query, StringComparison.Ordinal);
        Assert.StartsWith("DiscordBot (", connection.UserAgent, StringComparison.Ordinal);
        Assert.False(connection.IsResumeUrl);
    }

    [Fact]
    public async Task Identify_MessageContentEnabled_AddsPrivilegedIntent()
    {
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler(), settings: new Dictionary<string, string?>
        {
            ["Discord:MessageContentIntent"] = "true",
        });

        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;

        Assert.Equal(1 | 512 | 4096 | 32768, (int?)connection.Handshake!["intents"]);
    }

    [Fact]
    public async Task Heartbeat_ShortInterval_SendsLastSequenceAndAnswersServerRequest()
    {
        _discord.HeartbeatIntervalMilliseconds = 150;
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        await _discord.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = GuildId });

        var beat = await connection.WaitForPayloadAsync(payload => (int?)payload["op"] == 1 && (long?)payload["d"] == 2);
        var before = connection.HeartbeatCount;
        await connection.RequestHeartbeatAsync();
        await connection.WaitForPayloadAsync(payload => (int?)payload["op"] == 1);

        Assert.Equal(2, (long?)beat["d"]);
        Assert.True(connection.HeartbeatCount > before);
    }

    [Fact]
    public async Task Drop_AfterDispatches_ResumesWithoutLosingOrRepeatingEvents()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;
        var sessionId = _discord.SessionId;

        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("201", "one"));
        await handler.WaitForMessageAsync();
        first.Abort();
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("202", "two"));
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("203", "three"));
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("204", "four"));
        for (var i = 0; i < 3; i++)
        {
            await handler.WaitForMessageAsync();
        }

        Assert.True(second.Resumed);
        Assert.True(second.IsResumeUrl);
        Assert.Equal(sessionId, (string?)second.Handshake!["session_id"]);
        Assert.Equal(2, (long?)second.Handshake["seq"]);
        Assert.Equal(1, _discord.IdentifyCount);
        Assert.Equal(new[] { "201", "202", "203", "204" }, handler.Messages.Select(message => message.MessageId).Order());
        Assert.True(host.Logs.Contains(LogLevel.Information, "resumed session"), host.Logs.Dump());
    }

    [Fact]
    public async Task Drop_InMidMessage_ReplaysThePartialEventOnce()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var first = await ConnectedAsync();

        await first.DropInMidMessageAsync("MESSAGE_CREATE", DirectMessage("301", "cut in half"));
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;
        var message = await handler.WaitForMessageAsync();
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("302", "after"));
        await handler.WaitForMessageAsync();

        Assert.True(second.Resumed);
        Assert.Equal("301", message.MessageId);
        Assert.Equal(new[] { "301", "302" }, handler.Messages.Select(item => item.MessageId));
    }

    [Fact]
    public async Task Replay_OfHandledSequence_IsNotHandledTwice()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("401", "once"));
        await handler.WaitForMessageAsync();

        // A faulty server repeats sequence 2; the client must skip it.
        await connection.TrySendDispatchAsync(2, "MESSAGE_CREATE", DirectMessage("401", "once"));
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("402", "next"));
        await handler.WaitForMessageAsync();

        Assert.Equal(new[] { "401", "402" }, handler.Messages.Select(message => message.MessageId));
    }

    [Fact]
    public async Task MissingHeartbeatAck_ZombieConnection_IsReplacedAndResumed()
    {
        _discord.HeartbeatIntervalMilliseconds = 150;
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;

        _discord.AcknowledgeHeartbeats = false;
        var closed = await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        _discord.AcknowledgeHeartbeats = true;
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("501", "still here"));
        await handler.WaitForMessageAsync();

        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, closed);
        Assert.True(second.Resumed);
        Assert.Equal(1, _discord.IdentifyCount);
        Assert.True(host.Logs.Contains(LogLevel.Warning, "zombie"), host.Logs.Dump());
    }

    [Fact]
    public async Task ReconnectOpcode_ResumesOnNewSocket()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;

        await first.SendReconnectAsync();
        var closed = await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;

        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, closed);
        Assert.True(second.Resumed);
        Assert.True(host.Logs.Contains(LogLevel.Warning, "opcode 7"), host.Logs.Dump());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InvalidSession_ResumableFlag_ChoosesResumeOrIdentify(bool resumable)
    {
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;

        await first.SendInvalidSessionAsync(resumable);
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;

        Assert.Equal(resumable, second.Resumed);
        Assert.Equal(!resumable, second.Identified);
        Assert.Equal(resumable ? 1 : 2, _discord.IdentifyCount);
    }

    [Fact]
    public async Task Resume_UnknownSession_FallsBackToIdentify()
    {
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var first = await ConnectedAsync();

        _discord.InvalidateSession();
        first.Abort();
        var resumeAttempt = await _discord.WaitForConnectionAsync();
        await resumeAttempt.SessionStarted;
        var identify = await _discord.WaitForConnectionAsync();
        await identify.SessionStarted;

        Assert.True(resumeAttempt.Resumed);
        Assert.True(identify.Identified);
        Assert.False(identify.IsResumeUrl);
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4001, true)]
    [InlineData(4002, true)]
    [InlineData(4003, true)]
    [InlineData(4005, true)]
    [InlineData(4008, true)]
    [InlineData(4007, false)]
    [InlineData(4009, false)]
    public async Task CloseCode_Recoverable_ReconnectsWithResumeOrIdentify(int closeCode, bool expectResume)
    {
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;

        await first.CloseAsync(closeCode, "scripted close");
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;

        Assert.Equal(expectResume, second.Resumed);
        Assert.Equal(!expectResume, second.Identified);
        Assert.False(host.ChannelCompletion.IsCompleted);
    }

    [Theory]
    [InlineData(4004, "Discord:BotToken")]
    [InlineData(4010, "Discord:ShardId")]
    [InlineData(4011, "Discord:ShardCount")]
    [InlineData(4012, "Discord:ApiBaseUrl")]
    [InlineData(4013, "intents")]
    [InlineData(4014, "Message Content Intent")]
    public async Task CloseCode_Fatal_StopsChannelWithClearErrorAndHostKeepsRunning(int closeCode, string fix)
    {
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;

        await first.CloseAsync(closeCode, "scripted fatal close");
        await host.ChannelCompletion.WaitAsync(TimeSpan.FromSeconds(10));

        var fatal = Assert.Single(host.Logs.Lines, line => line.Level == LogLevel.Critical);
        Assert.Contains(closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture), fatal.Text, StringComparison.Ordinal);
        Assert.Contains(fix, fatal.Text, StringComparison.Ordinal);
        Assert.Contains("keeps running", fatal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Text.Contains(FakeDiscord.Token, StringComparison.Ordinal));
        Assert.Single(_discord.Connections);
        Assert.False(host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var status = host.Host.Services.GetRequiredService<ChatBot.Core.Hosting.ChannelStatus>();
        Assert.Equal(ChatBot.Core.Hosting.ChannelState.Failed, status.State);
        Assert.Contains(closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_GracefulShutdown_ClosesWithNormalClosure()
    {
        var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        var completion = host.ChannelCompletion;

        await host.DisposeAsync();
        var closed = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(WebSocketCloseStatus.NormalClosure == closed, host.Logs.Dump());
        Assert.True(completion.IsCompletedSuccessfully);
        Assert.True(host.Logs.Contains(LogLevel.Information, "Discord channel stopped."), host.Logs.Dump());
    }

    [Fact]
    public async Task Identify_SessionStartLimitUsedUp_WaitsForReset()
    {
        _discord.SessionStartLimit = (1000, 0, 600, 1);
        var started = DateTimeOffset.UtcNow;
        await using var host = await DiscordTestHost.StartAsync(_discord, new ScriptedConversationHandler());
        var refresh = await _discord.WaitForRequestAsync(request => request.Path == "/gateway/bot" && request.ReceivedAt - started > TimeSpan.FromMilliseconds(500));
        _discord.SessionStartLimit = (1000, 999, 0, 1);

        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;

        Assert.True(connection.Identified);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(600));
        Assert.True(host.Logs.Contains(LogLevel.Warning, "session start limit"), host.Logs.Dump());
        Assert.NotNull(refresh);
    }

    [Fact]
    public async Task Token_NeverAppearsInLogs_AfterFullSessionAndFaults()
    {
        _discord.HeartbeatIntervalMilliseconds = 200;
        var handler = new ScriptedConversationHandler();
        await using var host = await DiscordTestHost.StartAsync(_discord, handler);
        var first = await _discord.WaitForConnectionAsync();
        await first.SessionStarted;
        await _discord.DispatchAsync("MESSAGE_CREATE", DirectMessage("601", "hello"));
        await handler.WaitForMessageAsync();

        first.Abort();
        var second = await _discord.WaitForConnectionAsync();
        await second.SessionStarted;

        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Text.Contains(FakeDiscord.Token, StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits until the client has handled READY: it registers commands right after. An abort sooner could
    /// discard READY in the client's receive buffer, as a TCP reset does.
    /// </summary>
    private async Task<FakeGatewayConnection> ConnectedAsync()
    {
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        await _discord.WaitForRequestAsync(request => request.Path.EndsWith("/commands", StringComparison.Ordinal));
        return connection;
    }

    private static JsonObject DirectMessage(string id, string text) =>
        FakeDiscord.Message(id, "610000000000000001", UserId, text);
}
