using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram.Tests;

/// <summary>The channel in long-polling mode against the fake Bot API server, through Telegram.Bot's own client.</summary>
public sealed class PollingChannelTests : IAsyncLifetime
{
    private static readonly TestUser Alice = new(41001, "Alice", "en", "alice");
    private readonly TemporaryFolder _folder = new("telegram-polling");
    private FakeBotApiServer _server = null!;

    private string DatabasePath => _folder.Combine("chatbot.db");

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Conversation_RateRecommendAndPressButtons_StoredRatingsMatch()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "/rate 6 4.5");
        var saved = await _server.WaitForMessagesAsync(Alice.Id, 1);
        _server.SendText(Alice, "/recommend");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 2);
        var recommendations = messages[1];
        var matrixFour = recommendations.Buttons.Single(b => b.CallbackData == "rate:2571:8");
        var amelieTwo = recommendations.Buttons.Single(b => b.CallbackData == "rate:4973:4");
        var pressFour = _server.PressButton(Alice, recommendations, matrixFour.CallbackData);
        var pressTwo = _server.PressButton(Alice, recommendations, amelieTwo.CallbackData);
        var pressSeen = _server.PressButton(Alice, recommendations, "seen:9001");
        var answerFour = await _server.WaitForCallbackAnswerAsync(pressFour.CallbackQueryId);
        var answerTwo = await _server.WaitForCallbackAnswerAsync(pressTwo.CallbackQueryId);
        await _server.WaitForCallbackAnswerAsync(pressSeen.CallbackQueryId);

        Assert.Equal("Saved 4.5 stars for Heat (1995).", saved[0].Text);
        Assert.Equal(3, recommendations.Keyboard.Count(row => row.Count == 5));
        Assert.Contains(recommendations.Buttons, b => b.Text == "1 ★4" && b.CallbackData == "rate:2571:8");
        Assert.Equal("Saved ★★★★ for Matrix, The (1999).", answerFour.Text);
        Assert.Equal("Saved ★★ for Amélie \"Le Fabuleux\" (2001).", answerTwo.Text);
        var person = channel.Person(Alice)!;
        var stored = channel.Get<IRatingStore>().GetRatings(person.Id).ToDictionary(r => r.MovieId, r => r.Stars);
        Assert.Equal(
            new Dictionary<int, Stars> { [6] = Stars.FromValue(4.5), [2571] = Stars.FromValue(4), [4973] = Stars.FromValue(2) },
            stored);
        Assert.Equal(MovieMarkKind.Seen, channel.Get<IRatingStore>().GetMarks(person.Id).Single(m => m.MovieId == 9001).Kind);
    }

    [Fact]
    public async Task Commands_AtStart_RegisteredInEnglishAndChinese()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        await _server.WaitUntilAsync(server => server.RegisteredCommands("zh") is not null, "the Chinese commands were registered");
        var english = _server.RegisteredCommands("")!;
        var chinese = _server.RegisteredCommands("zh")!;

        string[] expected = ["start", "help", "rate", "unrate", "ratings", "recommend", "similar", "forget", "link", "language"];
        Assert.Equal(expected, english.Select(c => c!["command"]!.GetValue<string>()));
        Assert.Equal(expected, chinese.Select(c => c!["command"]!.GetValue<string>()));
        Assert.Equal("Recommend movies for you", english[5]!["description"]!.GetValue<string>());
        Assert.Equal("为你推荐电影", chinese[5]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Polling_AtStart_DeletesWebhookAndLimitsAllowedUpdates()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        await _server.WaitUntilAsync(server => server.Calls("getUpdates").Count > 0, "the first getUpdates call");
        var poll = _server.Calls("getUpdates")[0];

        Assert.Single(_server.Calls("deleteWebhook"));
        Assert.Equal(["message", "callback_query", "my_chat_member"], poll.Parameters["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(5, poll.Parameters["timeout"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reply_HtmlCharacters_ArriveEscaped()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "echo <b>not bold</b> & <script>x</script> &amp;");
        _server.SendText(Alice, "/recommend");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 2);

        Assert.Equal("<b>not bold</b> & <script>x</script> &amp;", messages[0].Text);
        Assert.Equal("HTML", messages[0].ParseMode, ignoreCase: true);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;script&gt;", messages[0].RawText, StringComparison.Ordinal);
        Assert.Contains("3. Tom & Jerry <The Movie> (1992) · Animation, Children's", messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("Because you asked <nicely> & politely", messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("<b>3. Tom &amp; Jerry &lt;The Movie&gt; (1992)</b>", messages[1].RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_Over4096Characters_ArrivesSplitAtLineBoundaries()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(Alice, "long 9000");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 3);
        await Task.Delay(200);

        Assert.Equal(3, _server.SentMessages(Alice.Id).Count);
        Assert.All(messages, m => Assert.InRange(m.Text.Length, 1, 4096));
        Assert.Equal(ScriptedConversationHandler.LongText(9000), string.Join('\n', messages.Select(m => m.Text)));
        Assert.All(messages.SkipLast(1), m => Assert.EndsWith("lazy dog", m.Text, StringComparison.Ordinal));
        Assert.All(_server.Calls("sendMessage"), call => Assert.Equal(200, call.StatusCode));
    }

    [Fact]
    public async Task Reply_SeveralMessagesToOneChat_SpacedByTheChatInterval()
    {
        await using var channel = await ChannelHarness.StartAsync(
            _server, DatabasePath, configure: settings => settings["Telegram:PrivateChatMessageIntervalMs"] = "700");

        _server.SendText(Alice, "long 9000");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 3);

        Assert.True(messages[1].At - messages[0].At >= TimeSpan.FromMilliseconds(650), $"gap {messages[1].At - messages[0].At}");
        Assert.True(messages[2].At - messages[1].At >= TimeSpan.FromMilliseconds(650), $"gap {messages[2].At - messages[1].At}");
    }

    [Fact]
    public async Task ForgedCallback_BadPayload_AnsweredPolitely()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);
        _server.SendText(Alice, "/recommend");
        var recommendations = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];

        var forged = _server.PressButton(Alice, recommendations, "rate:99999:8");
        var garbage = _server.PressButton(Alice, recommendations, "%%%");
        var oversized = _server.PressButton(Alice, recommendations, new string('x', 65));
        var forgedAnswer = await _server.WaitForCallbackAnswerAsync(forged.CallbackQueryId);
        var garbageAnswer = await _server.WaitForCallbackAnswerAsync(garbage.CallbackQueryId);
        var oversizedAnswer = await _server.WaitForCallbackAnswerAsync(oversized.CallbackQueryId);
        _server.SendText(Alice, "echo still here");
        var after = await _server.WaitForMessagesAsync(Alice.Id, 2);

        Assert.StartsWith("Sorry, that button is not valid any more.", forgedAnswer.Text, StringComparison.Ordinal);
        Assert.StartsWith("Sorry, that button is not valid any more.", garbageAnswer.Text, StringComparison.Ordinal);
        Assert.Equal("This button is no longer valid. Please ask again.", oversizedAnswer.Text);
        Assert.DoesNotContain(channel.Handler.Handled, m => m.ActionPayload?.Length > 64);
        Assert.Equal("still here", after[1].Text);
        Assert.Empty(channel.Person(Alice) is { } person ? channel.Get<IRatingStore>().GetRatings(person.Id) : []);
        Assert.DoesNotContain(channel.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task HandlerFailure_ChineseUser_GetsApologyInChinese()
    {
        var chen = new TestUser(41002, "Chen", "zh-hans");
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendText(chen, "fail");
        var reply = (await _server.WaitForMessagesAsync(chen.Id, 1))[0];

        Assert.Equal("抱歉，我这边出了点问题。请稍后再试。", reply.Text);
        Assert.Contains(channel.Logs.Entries, e => e.EventId.Id == 40 && e.Exception!.Contains("fails on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonTextMessage_InPrivateChat_GetsTextOnlyNotice()
    {
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);

        _server.SendPhoto(Alice);
        var reply = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];

        Assert.Equal("I can only read text messages. Type /help to see what I can do.", reply.Text);
    }

    [Fact]
    public async Task GroupMessages_NotAddressedToBot_Ignored()
    {
        var group = new TestGroup(-1001234, "Movie club <friends>");
        await using var channel = await ChannelHarness.StartAsync(_server, DatabasePath);
        var handler = channel.Handler;

        _server.SendText(Alice, "what should we watch tonight?", group);
        _server.SendText(Alice, "/ratings@SomeOtherBot", group);
        _server.SendText(Alice, "/recommend@MovieNightBot", group);
        _server.SendText(Alice, "@MovieNightBot echo hello group", group);
        _server.SendText(Alice, "echo replying to you", group, replyToBotMessageId: 1);
        var replies = await _server.WaitForMessagesAsync(group.Id, 3);
        await _server.WaitUntilAsync(server => server.PendingUpdateCount == 0 && server.Calls("getUpdates").Count >= 3, "all updates were confirmed");

        Assert.Equal(3, handler.Handled.Count);
        Assert.Equal("recommend", handler.Handled[0].Command!.Name);
        Assert.Equal("echo hello group", handler.Handled[1].Text);
        Assert.Equal("echo replying to you", handler.Handled[2].Text);
        Assert.All(handler.Handled, m => Assert.Equal(group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ConversationId));
        Assert.Equal("hello group", replies[1].Text);
    }
}
