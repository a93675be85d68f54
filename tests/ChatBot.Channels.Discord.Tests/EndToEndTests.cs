using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Adapter;
using ChatBot.Channels.Discord.Tests.Fakes;
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
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Tests;

/// <summary>
/// The whole product behind the Discord channel: the real conversation service over MovieLens
/// ml-latest-small, the popularity recommender and a LiteDB file in a temporary folder, driven through the fake Discord.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private const string UserId = "700000000000000042";
    private const string ChannelId = "600000000000000042";

    private readonly TemporaryFolder _folder = new("discord-e2e");
    private FakeDiscord _discord = null!;
    private int _nextInteraction;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Person_RatesRecommendsAndPresses_StoredRatingsMatch()
    {
        await using var host = await StartProductAsync();

        var rated = await InteractAsync(2, Command("rate", ("title", 3, "The Matrix (1999)"), ("stars", 10, 5)));
        var recommended = await InteractAsync(2, Command("recommend"));
        var buttons = recommended["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).ToList();
        var rateButton = buttons.First(button => CustomIds.TryDecode((string?)button!["custom_id"], out var payload) && payload.StartsWith("r:", StringComparison.Ordinal) && payload.EndsWith(":8", StringComparison.Ordinal));
        CustomIds.TryDecode((string?)rateButton!["custom_id"], out var ratePayload);
        var pressed = await InteractAsync(3, new JsonObject { ["custom_id"] = (string?)rateButton["custom_id"], ["component_type"] = 2 });

        Assert.Contains("Matrix", (string?)rated["content"], StringComparison.Ordinal);
        Assert.NotEmpty(recommended["embeds"]!.AsArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)pressed["content"]));
        var movieId = int.Parse(ratePayload.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var person = host.Host.Services.GetRequiredService<IPersonStore>().Find(new PlatformIdentity(Platforms.Discord, UserId))!;
        var stored = host.Host.Services.GetRequiredService<IRatingStore>().GetRatings(person.Id).ToDictionary(rating => rating.MovieId, rating => rating.Stars.Value);
        Assert.Equal(new Dictionary<int, double> { [2571] = 5, [movieId] = 4 }, stored);
        Assert.Equal(ChannelState.Connected, host.Host.Services.GetRequiredService<ChannelStatus>().State);
    }

    [Fact]
    public async Task ForgedButtonPayload_AnsweredPolitely_NothingStored()
    {
        await using var host = await StartProductAsync();

        var unknownMovie = await InteractAsync(3, new JsonObject { ["custom_id"] = "cb:0:r:99999999:8", ["component_type"] = 2 });
        var badStars = await InteractAsync(3, new JsonObject { ["custom_id"] = "cb:1:r:2571:11", ["component_type"] = 2 });

        Assert.False(string.IsNullOrWhiteSpace((string?)unknownMovie["content"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)badStars["content"]));
        var person = host.Host.Services.GetRequiredService<IPersonStore>().Find(new PlatformIdentity(Platforms.Discord, UserId));
        Assert.True(person is null || host.Host.Services.GetRequiredService<IRatingStore>().GetRatings(person.Id).Count == 0);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Mention_ChatRequest_RepliesWithCatalogMovies()
    {
        await using var host = await StartProductAsync();

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("900", ChannelId, UserId, $"<@{FakeDiscord.BotUserId}> I loved Heat (1995), something like it please", "500000000000000001", mentionBot: true));
        var reply = await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{ChannelId}/messages", TimeSpan.FromSeconds(30));

        var body = reply.Json!;
        Assert.Equal("900", (string?)body["message_reference"]!["message_id"]);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        var titles = body["embeds"]?.AsArray().Select(embed => (string?)embed!["title"]).ToList() ?? [];
        Assert.NotEmpty(titles);
        Assert.DoesNotContain(titles, title => title!.Contains("Heat (1995)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChineseLocale_Ratings_PrivateReplyInChinese()
    {
        await using var host = await StartProductAsync();

        var reply = await InteractAsync(2, Command("ratings"), locale: "zh-CN");

        Assert.Equal(64, (int?)reply["flags"]);
        Assert.Contains((string?)reply["content"] ?? string.Empty, c => c >= '\u4e00' && c <= '\u9fff');
    }

    /// <summary>Sends an interaction and returns the response message, from the callback or from the edit after a deferral.</summary>
    private async Task<JsonNode> InteractAsync(int type, JsonObject data, string locale = "en-US")
    {
        var id = (310000000000000000L + Interlocked.Increment(ref _nextInteraction)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction(id, type, data, UserId, ChannelId, locale));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith($"/interactions/{id}/", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        if ((int?)callback.Json!["type"] == 4)
        {
            return callback.Json["data"]!;
        }

        var edit = await _discord.WaitForRequestAsync(request => request.Method == "PATCH" && request.Path.Contains($"interaction-token-{id}", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var message = edit.Json!;
        message["flags"] = (int?)callback.Json["data"]?["flags"];
        return message;
    }

    private async Task<DiscordTestHost> StartProductAsync()
    {
        var host = await DiscordTestHost.StartAsync(
            _discord,
            handler: null,
            settings: new Dictionary<string, string?> { ["Discord:RegisterCommands"] = "false", ["Data:Directory"] = _folder.Path },
            configureServices: services =>
            {
                services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
                services.AddSingleton<IMovieCatalog>(MovieLensData.Catalog);
                services.AddSingleton<ITitleIndex>(MovieLensData.Titles);
                services.AddSingleton<IRecommender>(new PopularityRecommender(MovieLensData.Catalog));
                services.AddStorage();
                services.AddConversations(new ConfigurationBuilder().Build());
            });
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        return host;
    }

    private static JsonObject Command(string name, params (string Name, int Type, object Value)[] options)
    {
        var array = new JsonArray();
        foreach (var option in options)
        {
            array.Add(new JsonObject { ["name"] = option.Name, ["type"] = option.Type, ["value"] = JsonValue.Create(option.Value) });
        }

        return new JsonObject { ["id"] = "200000000000000001", ["name"] = name, ["type"] = 1, ["options"] = array };
    }
}
