using ChatBot.TestSupport;

namespace ChatBot.Channels.Telegram.Tests;

/// <summary>Restarts of the channel on the same database: nothing is handled twice and nothing is lost.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private static readonly TestUser Alice = new(42001, "Alice", "en");
    private readonly TemporaryFolder _folder = new("telegram-restart");
    private FakeBotApiServer _server = null!;

    private string DatabasePath => _folder.Combine("chatbot.db");

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Restart_UnconfirmedHandledUpdates_NotHandledAgain()
    {
        _server.SendText(Alice, "echo one");
        _server.SendText(Alice, "echo two");
        _server.SendText(Alice, "echo three");
        // Every poll after the first batch fails, so Telegram never hears that the batch arrived.
        _server.InjectError("getUpdates", 502, "Bad Gateway", times: 1000, when: parameters => parameters["offset"]!.GetValue<int>() > 0);
        var first = await ChannelHarness.StartAsync(_server, DatabasePath);
        await _server.WaitForMessagesAsync(Alice.Id, 3);
        await first.StopAsync();
        var pendingAtRestart = _server.PendingUpdateCount;
        _server.ClearErrors();

        await using var second = await ChannelHarness.StartAsync(_server, DatabasePath);
        _server.SendText(Alice, "echo four");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 4);

        Assert.Equal(3, pendingAtRestart);
        Assert.Equal(["one", "two", "three"], first.Handler.Handled.Select(m => m.Text["echo ".Length..]));
        Assert.Equal(["echo four"], second.Handler.Handled.Select(m => m.Text));
        Assert.Equal(["one", "two", "three", "four"], messages.Select(m => m.Text));
        await _server.WaitUntilAsync(server => server.PendingUpdateCount == 0, "Telegram's queue is confirmed");
    }

    [Fact]
    public async Task Restart_DuringUpdate_AbandonedUpdateRunsOnce()
    {
        static void ShortShutdown(Dictionary<string, string?> settings) => settings["Telegram:ShutdownTimeoutSeconds"] = "1";
        var first = await ChannelHarness.StartAsync(_server, DatabasePath, configure: ShortShutdown);
        _server.SendText(Alice, "echo before");
        await _server.WaitForMessagesAsync(Alice.Id, 1);
        _server.SendText(Alice, "wait for me");
        await first.Handler.WaitingStarted.WaitAsync(TimeSpan.FromSeconds(20));

        await first.StopAsync();
        var sentBeforeRestart = _server.SentMessages(Alice.Id).Count;
        await using var second = await ChannelHarness.StartAsync(_server, DatabasePath, configure: ShortShutdown);
        second.Handler.ReleaseWaiting();
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 2);

        Assert.Equal(1, sentBeforeRestart);
        Assert.Contains(first.Logs.Entries, e => e.EventId.Id == 42);
        Assert.Equal(["wait for me"], second.Handler.Handled.Select(m => m.Text));
        Assert.Equal(["before", "Done waiting."], messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Restart_UnsentReply_SentWithoutHandlingAgain()
    {
        _server.InjectError("sendMessage", 502, "Bad Gateway", times: 1000);
        var first = await ChannelHarness.StartAsync(_server, DatabasePath, configure: settings => settings["Telegram:ShutdownTimeoutSeconds"] = "1");
        _server.SendText(Alice, "echo delivered late");
        await _server.WaitUntilAsync(server => server.Calls("sendMessage").Count >= 1, "the first send attempt");

        await first.StopAsync();
        _server.ClearErrors();
        await using var second = await ChannelHarness.StartAsync(_server, DatabasePath);
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 1);

        Assert.Single(first.Handler.Handled);
        Assert.Empty(second.Handler.Handled);
        Assert.Equal("delivered late", Assert.Single(messages).Text);
        Assert.Contains(second.Logs.Entries, e => e.EventId.Id == 6 && e.Message.Contains("1 unsent replies", StringComparison.Ordinal));
    }
}
