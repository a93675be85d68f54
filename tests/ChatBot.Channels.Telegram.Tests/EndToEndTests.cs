using ChatBot.Catalog;
using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;
using ChatBot.Recommendations.Popularity;
using ChatBot.Storage;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Channels.Telegram.Tests;

/// <summary>
/// The whole product behind the Telegram channel: the real conversation service over MovieLens
/// ml-latest-small, the popularity recommender and a LiteDB file, driven through the fake Bot API.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private static readonly Lazy<(MovieCatalog Catalog, TitleIndex Index)> MovieLens = new(() =>
    {
        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
        return (catalog, new TitleIndex(catalog));
    });

    private static readonly TestUser Alice = new(45001, "Alice", "en");
    private static readonly TestUser Chen = new(45002, "Chen", "zh-hans");
    private readonly TemporaryFolder _folder = new("telegram-e2e");
    private FakeBotApiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Person_RatesAsksAndPressesButtons_StoredRatingsMatch()
    {
        await using var channel = await StartProductAsync();

        _server.SendText(Alice, "/rate The Matrix 5");
        _server.SendText(Alice, "/rate Heat (1995) 4");
        _server.SendText(Alice, "/recommend");
        var messages = await _server.WaitForMessagesAsync(Alice.Id, 3);
        var list = messages[2];
        var movieIds = list.Buttons.Where(b => b.CallbackData.StartsWith("r:", StringComparison.Ordinal))
            .Select(b => int.Parse(b.CallbackData.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        var fourStars = _server.PressButton(Alice, list, $"r:{movieIds[0]}:8");
        var twoStars = _server.PressButton(Alice, list, $"r:{movieIds[1]}:4");
        var seen = _server.PressButton(Alice, list, $"s:{movieIds[2]}");
        var notInterested = _server.PressButton(Alice, list, $"n:{movieIds[3]}");
        var changedMind = _server.PressButton(Alice, list, $"r:{movieIds[1]}:9");
        var answers = new List<CallbackAnswer>();
        foreach (var press in new[] { fourStars, twoStars, seen, notInterested, changedMind })
        {
            answers.Add(await _server.WaitForCallbackAnswerAsync(press.CallbackQueryId));
        }

        Assert.Contains("Matrix", messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Heat (1995)", messages[1].Text, StringComparison.Ordinal);
        Assert.True(movieIds.Count >= 4, $"the list offered {movieIds.Count} movies");
        Assert.All(list.Buttons, b => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(b.CallbackData), 1, 64));
        Assert.All(answers, a => Assert.False(string.IsNullOrWhiteSpace(a.Text)));
        Assert.Contains(MovieLens.Value.Catalog.Find(movieIds[0])!.DisplayTitle, answers[0].Text, StringComparison.Ordinal);
        var person = channel.Person(Alice)!;
        var stored = channel.Get<IRatingStore>().GetRatings(person.Id).ToDictionary(r => r.MovieId, r => r.Stars.Value);
        var expected = new Dictionary<int, double> { [2571] = 5, [6] = 4, [movieIds[0]] = 4, [movieIds[1]] = 4.5 };
        Assert.Equal(expected, stored);
        var marks = channel.Get<IRatingStore>().GetMarks(person.Id).ToDictionary(m => m.MovieId, m => m.Kind);
        Assert.Equal(MovieMarkKind.Seen, marks[movieIds[2]]);
        Assert.Equal(MovieMarkKind.NotInterested, marks[movieIds[3]]);
    }

    [Fact]
    public async Task ForgedPayloads_AnsweredPolitely_NothingStored()
    {
        await using var channel = await StartProductAsync();
        _server.SendText(Alice, "/recommend");
        var list = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];

        var unknownMovie = _server.PressButton(Alice, list, "r:99999999:8");
        var badStars = _server.PressButton(Alice, list, "r:2571:11");
        var garbage = _server.PressButton(Alice, list, "<script>&");
        var answers = new[]
        {
            await _server.WaitForCallbackAnswerAsync(unknownMovie.CallbackQueryId),
            await _server.WaitForCallbackAnswerAsync(badStars.CallbackQueryId),
            await _server.WaitForCallbackAnswerAsync(garbage.CallbackQueryId),
        };

        Assert.All(answers, a => Assert.False(string.IsNullOrWhiteSpace(a.Text)));
        Assert.Empty(channel.Get<IRatingStore>().GetRatings(channel.Person(Alice)!.Id));
        Assert.DoesNotContain(channel.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task ChineseUser_Recommend_ReplyInChineseWithEscapedTitles()
    {
        await using var channel = await StartProductAsync();

        _server.SendText(Chen, "/recommend");
        var list = (await _server.WaitForMessagesAsync(Chen.Id, 1))[0];

        Assert.Contains(list.Text, c => c >= '\u4e00' && c <= '\u9fff');
        Assert.True(list.Buttons.Count() >= 7);
        Assert.Equal(list.Text, TelegramHtml.Parse(list.RawText, out _));
    }

    private Task<ChannelHarness> StartProductAsync() =>
        ChannelHarness.StartAsync(
            _server,
            _folder.Combine("unused.db"),
            configure: settings => settings["Data:Directory"] = _folder.Path,
            composeProduct: ComposeProduct);

    /// <summary>Registers the product's services the way the host does, with the catalog loaded once per test run.</summary>
    private static void ComposeProduct(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
        services.AddSingleton<IMovieCatalog>(MovieLens.Value.Catalog);
        services.AddSingleton<ITitleIndex>(MovieLens.Value.Index);
        services.AddSingleton<IRecommender>(new PopularityRecommender(MovieLens.Value.Catalog));
        services.AddStorage();
        services.AddConversations(configuration);
    }
}
