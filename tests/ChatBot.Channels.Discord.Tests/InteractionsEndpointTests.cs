using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Endpoint;
using ChatBot.Channels.Discord.Tests.Fakes;
using ChatBot.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;
using ChatBot.Recommendations.Popularity;
using ChatBot.Storage;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Tests;

/// <summary>
/// The interactions endpoint on 127.0.0.1 with Discord:Receive set to Interactions: signed POSTs as Discord sends
/// them, with edits, follow-ups and command registration going to the fake Discord's REST routes.
/// </summary>
public sealed class InteractionsEndpointTests : IAsyncLifetime
{
    private const int SlashCommand = 2;
    private const int Component = 3;
    private const int Autocomplete = 4;
    private const int SignatureRejectedEventId = 352;

    private readonly SignedInteractionClient _client = new();
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task Ping_Signed_ReturnsPong()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler());

        using var response = await _client.PostAsync(new JsonObject { ["id"] = "400000000000000001", ["application_id"] = FakeDiscord.ApplicationId, ["type"] = 1, ["token"] = "ping-token", ["version"] = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"type\":1}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_NoSignatureHeaders_Rejected401AndNothingHandled()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler);

        using var response = await _client.PostAsync(Interaction("410000000000000001", SlashCommand, Command("ratings")).ToJsonString(), SignedInteractionClient.Now(), signature: string.Empty);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(handler.Messages);
        Assert.DoesNotContain(_discord.Requests, request => request.Path.StartsWith("/interactions/", StringComparison.Ordinal) || request.Path.StartsWith("/webhooks/", StringComparison.Ordinal));
        var logged = Assert.Single(host.Logs.Lines, line => line.EventId.Id == SignatureRejectedEventId);
        Assert.Contains("MissingHeaders", logged.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another key")]
    [InlineData("body changed after signing")]
    [InlineData("timestamp changed after signing")]
    [InlineData("signature not hexadecimal")]
    public async Task Request_BadSignature_Rejected401AndNothingHandled(string fault)
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler);
        using var stranger = new SignedInteractionClient();
        var body = Interaction("420000000000000001", SlashCommand, Command("ratings")).ToJsonString();
        var timestamp = SignedInteractionClient.Now();

        using var response = fault switch
        {
            "another key" => await _client.PostAsync(body, timestamp, stranger.Sign(timestamp, body)),
            "body changed after signing" => await _client.PostAsync(body.Replace("ratings", "forget", StringComparison.Ordinal), timestamp, _client.Sign(timestamp, body)),
            "timestamp changed after signing" => await _client.PostAsync(body, SignedInteractionClient.Now(TimeSpan.FromSeconds(-30)), _client.Sign(timestamp, body)),
            _ => await _client.PostAsync(body, timestamp, new string('z', 128)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(handler.Messages);
        var logged = Assert.Single(host.Logs.Lines, line => line.EventId.Id == SignatureRejectedEventId);
        Assert.Contains("InvalidSignature", logged.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-360, HttpStatusCode.Unauthorized)]
    [InlineData(360, HttpStatusCode.Unauthorized)]
    [InlineData(-240, HttpStatusCode.OK)]
    public async Task Request_TimestampDistance_RejectedBeyondFiveMinutes(int offsetSeconds, HttpStatusCode expected)
    {
        await using var host = await StartAsync(new ScriptedConversationHandler());
        var body = new JsonObject { ["id"] = "430000000000000001", ["application_id"] = FakeDiscord.ApplicationId, ["type"] = 1, ["token"] = "t", ["version"] = 1 }.ToJsonString();

        using var response = await _client.PostAsync(body, SignedInteractionClient.Now(TimeSpan.FromSeconds(offsetSeconds)), signature: null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Unauthorized, host.Logs.Lines.Any(line => line.EventId.Id == SignatureRejectedEventId && line.Text.Contains("StaleTimestamp", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Request_OtherPath_Returns404()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler());
        _client.Endpoint = new Uri(_client.Endpoint!, "/other");

        using var response = await _client.PostAsync(new JsonObject { ["type"] = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RateCommand_RealService_ReplyInBody()
    {
        using var folder = new TemporaryFolder("discord-http-e2e");
        await using var host = await StartAsync(handler: null, settings: new() { ["Data:Directory"] = folder.Path }, configureServices: services =>
        {
            services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
            services.AddSingleton<IMovieCatalog>(MovieLensData.Catalog);
            services.AddSingleton<ITitleIndex>(MovieLensData.Titles);
            services.AddSingleton<IRecommender>(new PopularityRecommender(MovieLensData.Catalog));
            services.AddStorage();
            services.AddConversations(new ConfigurationBuilder().Build());
        });

        using var response = await _client.PostAsync(Interaction("440000000000000001", SlashCommand, Command("rate", ("title", 3, "The Matrix (1999)"), ("stars", 10, 5))));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (int?)body["type"]);
        Assert.Contains("Matrix", (string?)body["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(body["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        var person = host.Host.Services.GetRequiredService<IPersonStore>().Find(new PlatformIdentity(Platforms.Discord, "700000000000000001"))!;
        var rating = Assert.Single(host.Host.Services.GetRequiredService<IRatingStore>().GetRatings(person.Id));
        Assert.Equal(2571, rating.MovieId);
        Assert.Equal(5, rating.Stars.Value);
        Assert.DoesNotContain(_discord.Requests, request => request.Path.StartsWith("/interactions/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlashCommand_SlowReply_DeferredThenEdited()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedConversationHandler(async (_, token) =>
        {
            await release.Task.WaitAsync(token);
            return Reply.Plain("Here are three comedies.", "en");
        });
        await using var host = await StartAsync(handler, settings: new() { ["Discord:InteractionDeferAfterMilliseconds"] = "100" });

        using var response = await _client.PostAsync(Interaction("450000000000000001", SlashCommand, Command("recommend", ("genre", 3, "comedy"))));
        var body = await ReadJsonAsync(response);
        release.SetResult();
        var edit = await _discord.WaitForRequestAsync(request => request.Method == "PATCH");

        Assert.Equal(5, (int?)body["type"]);
        Assert.Null(body["data"]);
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/interaction-token-450000000000000001/messages/@original", edit.Path);
        Assert.Equal("Here are three comedies.", (string?)edit.Json!["content"]);
        Assert.Equal("comedy", Assert.Single(handler.Messages).Command!.GetOption("genre"));
    }

    [Fact]
    public async Task SlashCommand_LongReply_RestFollowsUp()
    {
        var text = string.Join(' ', Enumerable.Repeat("Heat is a long film about a heist in Los Angeles.", 60));
        await using var host = await StartAsync(new ScriptedConversationHandler((_, _) => Task.FromResult(Reply.Plain(text, "en"))));

        using var response = await _client.PostAsync(Interaction("460000000000000001", SlashCommand, Command("recommend")));
        var body = await ReadJsonAsync(response);
        var followup = await _discord.WaitForRequestAsync(request => request.Method == "POST" && request.Path.StartsWith("/webhooks/", StringComparison.Ordinal));

        Assert.Equal(4, (int?)body["type"]);
        var first = (string?)body["data"]!["content"];
        var second = (string?)followup.Json!["content"];
        Assert.InRange(first!.Length, 1, 2000);
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/interaction-token-460000000000000001", followup.Path);
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), (first + second).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Button_ValidCustomId_ReplyInBody()
    {
        var handler = new ScriptedConversationHandler((_, _) => Task.FromResult(Reply.Plain("Saved ★4 for Heat (1995).", "en")));
        await using var host = await StartAsync(handler);

        using var response = await _client.PostAsync(Interaction("470000000000000001", Component, new JsonObject { ["custom_id"] = "cb:3:r:6:8", ["component_type"] = 2 }));
        var body = await ReadJsonAsync(response);

        var message = Assert.Single(handler.Messages);
        Assert.Equal("r:6:8", message.ActionPayload);
        Assert.Equal(4, (int?)body["type"]);
        Assert.Equal("Saved ★4 for Heat (1995).", (string?)body["data"]!["content"]);
    }

    [Fact]
    public async Task Autocomplete_PartialTitle_ChoicesInBody()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler(), MovieLensData.Titles);
        var data = Command("rate", ("title", 3, "matri"));
        data["options"]![0]!["focused"] = true;

        using var response = await _client.PostAsync(Interaction("480000000000000001", Autocomplete, data));
        var body = await ReadJsonAsync(response);

        Assert.Equal(8, (int?)body["type"]);
        var choices = body["data"]!["choices"]!.AsArray();
        Assert.Equal("The Matrix (1999)", (string?)choices[0]!["name"]);
        Assert.Contains(choices, choice => ((string?)choice!["value"])!.StartsWith("The Matrix Reloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InteractionsMode_RegistersCommandsWithoutGateway()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler(), settings: new() { ["Discord:RegisterCommands"] = "true" });

        var put = await _discord.WaitForRequestAsync(request => request.Method == "PUT");

        Assert.Equal($"/applications/{FakeDiscord.ApplicationId}/commands", put.Path);
        Assert.Contains(_discord.Requests, request => request.Method == "GET" && request.Path == "/applications/@me");
        Assert.DoesNotContain(_discord.Requests, request => request.Path == "/gateway/bot");
        Assert.Empty(_discord.Connections);
    }

    [Fact]
    public async Task Start_BothMode_RunsGatewayAndEndpoint()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler, settings: new() { ["Discord:Receive"] = "Both" });
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;

        using var pong = await _client.PostAsync(new JsonObject { ["id"] = "490000000000000001", ["application_id"] = FakeDiscord.ApplicationId, ["type"] = 1, ["token"] = "t", ["version"] = 1 });
        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("901", "600000000000000001", "700000000000000001", $"<@{FakeDiscord.BotUserId}> hello", "500000000000000001", mentionBot: true));
        var message = await handler.WaitForMessageAsync();

        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
        Assert.Contains("hello", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Discord:PublicKey", null, "Discord:PublicKey is missing, and Discord:Receive is Interactions")]
    [InlineData("Discord:PublicKey", "not-a-key", "Discord:PublicKey must be the application's Ed25519 public key")]
    [InlineData("Discord:InteractionsListenUrl", "https://127.0.0.1:8443", "Discord:InteractionsListenUrl 'https://127.0.0.1:8443' must be a plain http address")]
    [InlineData("Discord:InteractionsPath", "discord", "Discord:InteractionsPath 'discord' must start with '/'")]
    [InlineData("Discord:Receive", "7", "Discord:Receive must be Gateway, Interactions or Both")]
    [InlineData("Discord:Receive", "Webhook", "Discord:Receive")]
    public async Task Start_InvalidEndpointSetting_FailsNamingKey(string key, string? value, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = Settings(new());
        settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IConversationHandler>(new ScriptedConversationHandler());
        builder.Services.AddDiscordChannel(builder.Configuration);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts the channel in Interactions mode on a free port and points the client at the endpoint.</summary>
    private async Task<DiscordTestHost> StartAsync(
        IConversationHandler? handler,
        ITitleIndex? titles = null,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var host = await DiscordTestHost.StartAsync(_discord, handler, titles, Settings(settings ?? []), configureServices);
        var address = await host.Host.Services.GetRequiredService<InteractionsEndpoint>().Listening.WaitAsync(TimeSpan.FromSeconds(15));
        _client.Endpoint = new Uri(address, DiscordOptions.DefaultInteractionsPath);
        return host;
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscord.Token,
            ["Discord:ApiBaseUrl"] = _discord.ApiBaseUrl,
            ["Discord:Receive"] = "Interactions",
            ["Discord:PublicKey"] = _client.PublicKeyHex,
            ["Discord:InteractionsListenUrl"] = "http://127.0.0.1:0",
            ["Discord:RegisterCommands"] = "false",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static JsonObject Interaction(string id, int type, JsonObject data) => FakeDiscord.Interaction(id, type, data);

    private static JsonObject Command(string name, params (string Name, int Type, object Value)[] options)
    {
        var array = new JsonArray();
        foreach (var option in options)
        {
            array.Add(new JsonObject { ["name"] = option.Name, ["type"] = option.Type, ["value"] = JsonValue.Create(option.Value) });
        }

        return new JsonObject { ["id"] = "200000000000000001", ["name"] = name, ["type"] = 1, ["options"] = array };
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
