using ChatBot.Core.Hosting;
using ChatBot.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram.Tests;

/// <summary>How the channel copes with Telegram's errors: 429, 403, 409, 5xx and a rejected token.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private static readonly TestUser Alice = new(43001, "Alice", "en");
    private readonly TemporaryFolder _folder = new("telegram-resilience");
    private FakeBotApiServer _server = null!;

    private string DatabasePath => _folder.Combine("chatbot.db");

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Send_TooManyRequests_RetriedAfterRetryAfter()
    {
        _server.InjectError("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "echo patience");
        var message = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];
        var attempts = _server.Calls("sendMessage");

        Assert.Equal("patience", message.Text);
        Assert.Equal([429, 200], attempts.Select(call => call.StatusCode));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {attempts[1].At - attempts[0].At}");
        Assert.Contains(channel.Logs.Entries, e => e.EventId.Id == 31 && e.Message.Contains("00:00:01", StringComparison.Ordinal));
        AssertTokenNeverLogged(channel);
    }

    [Fact]
    public async Task Send_BlockedByUser_LoggedOnceThenSkipped()
    {
        _server.BlockBot(Alice);
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "echo one");
        await channel.Logs.WaitForAsync(e => e.EventId.Id == 60, "the chat was marked blocked");
        _server.ChangeBotMembership(Alice, "kicked");
        _server.SendPhoto(Alice);
        await channel.Logs.WaitForAsync(e => e.EventId.Id == 62, "a later send was skipped");
        _server.ChangeBotMembership(Alice, "member");
        _server.SendText(Alice, "echo three");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 1);

        Assert.Single(channel.Logs.Entries, e => e.EventId.Id == 60);
        Assert.Equal([403, 200], _server.Calls("sendMessage").Select(call => call.StatusCode));
        Assert.Equal("three", Assert.Single(messages).Text);
        AssertTokenNeverLogged(channel);
    }

    [Fact]
    public async Task Polling_Conflict409_ReportedClearlyAndPollingRecovers()
    {
        _server.InjectError("getUpdates", 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", times: 2);
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "echo after the conflict");
        var message = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];

        var conflicts = channel.Logs.Entries.Where(e => e.EventId.Id == 22).ToList();
        Assert.Equal(2, conflicts.Count);
        var conflict = conflicts[0];
        Assert.Equal(LogLevel.Error, conflict.Level);
        Assert.Contains("terminated by other getUpdates", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("Another instance is polling with this token", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("after the conflict", message.Text);
    }

    [Fact]
    public async Task Polling_ServerErrors_BacksOffAndKeepsReceiving()
    {
        _server.InjectError("getUpdates", 502, "Bad Gateway", times: 2);
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "echo still receiving");
        var message = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];
        var polls = _server.Calls("getUpdates");

        Assert.Equal("still receiving", message.Text);
        Assert.Equal([502, 502], polls.Take(2).Select(call => call.StatusCode));
        Assert.True(polls[1].At - polls[0].At >= TimeSpan.FromMilliseconds(400), $"second poll after {polls[1].At - polls[0].At}");
        Assert.Equal(2, channel.Logs.Entries.Count(e => e.EventId.Id == 30));
        AssertTokenNeverLogged(channel);
    }

    [Fact]
    public async Task Start_TokenRejected_FailsChannelAndKeepsHostRunning()
    {
        await using var channel = await ChannelHarness.StartAsync(
            _server, DatabasePath, configure: settings => settings["Telegram:BotToken"] = "7000000001:AAWrongTokenWrongTokenWrongToken_xyz");
        var status = channel.Get<ChannelStatus>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (status.State != ChannelState.Failed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(ChannelState.Failed, status.State);
        Assert.Contains("Telegram:BotToken", status.Detail, StringComparison.Ordinal);
        Assert.False(channel.Get<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var rejected = Assert.Single(channel.Logs.Entries, e => e.EventId.Id == 3);
        Assert.Equal(LogLevel.Critical, rejected.Level);
        Assert.Contains("Telegram:BotToken", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(channel.Logs.Entries, e => $"{e.Message} {e.Exception}".Contains("AAWrongToken", StringComparison.Ordinal));
    }

    private void AssertTokenNeverLogged(ChannelHarness channel)
    {
        var secret = _server.Token[(_server.Token.IndexOf(':', StringComparison.Ordinal) + 1)..];
        Assert.NotEmpty(channel.Logs.Entries);
        Assert.DoesNotContain(channel.Logs.Entries, e => $"{e.Message} {e.Exception}".Contains(secret, StringComparison.Ordinal));
    }
}
