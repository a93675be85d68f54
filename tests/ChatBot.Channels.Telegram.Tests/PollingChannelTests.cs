using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.TestSupport;

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
        var person = channel.Get<IPersonStore>().Find(new PlatformIdentity(Platforms.Telegram, Alice.Id.ToString()))!;
        var stored = channel.Get<IRatingStore>().GetRatings(person.Id).ToDictionary(r => r.MovieId, r => r.Stars);
        Assert.Equal(
            new Dictionary<int, Stars> { [6] = Stars.FromValue(4.5), [2571] = Stars.FromValue(4), [4973] = Stars.FromValue(2) },
            stored);
        Assert.Equal(MovieMarkKind.Seen, channel.Get<IRatingStore>().GetMarks(person.Id).Single(m => m.MovieId == 9001).Kind);
    }
}
