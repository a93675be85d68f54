using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.TestSupport;

namespace ChatBot.Channels.Telegram.Tests;

/// <summary>The channel in webhook mode: the test plays Telegram's delivery to the local listener.</summary>
public sealed class WebhookChannelTests : IAsyncLifetime
{
    private const string WebhookUrl = "https://bot.example.test/telegram/updates";
    private const string Secret = "test_Secret-123";
    private static readonly TestUser Alice = new(44001, "Alice", "en");
    private readonly TemporaryFolder _folder = new("telegram-webhook");
    private FakeBotApiServer _server = null!;

    private string DatabasePath => _folder.Combine("chatbot.db");

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Webhook_AtStart_RegistersAndHandlesDeliveries()
    {
        await using var channel = await StartWebhookChannelAsync();
        var listener = await channel.Channel.WebhookAddress.WaitAsync(TimeSpan.FromSeconds(20));
        await _server.WaitUntilAsync(server => server.WebhookUrl is not null, "the webhook was registered");

        _server.SendText(Alice, "/rate 6 5");
        var statuses = await _server.DeliverWebhookUpdatesAsync(listener);
        var reply = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];

        var registration = Assert.Single(_server.Calls("setWebhook"));
        Assert.Equal(WebhookUrl, registration.Parameters["url"]!.GetValue<string>());
        Assert.Equal(Secret, registration.Parameters["secret_token"]!.GetValue<string>());
        Assert.Equal(["message", "callback_query", "my_chat_member"], registration.Parameters["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(IPAddress.Loopback.ToString(), listener.Host);
        Assert.Equal([200], statuses);
        Assert.Equal("Saved 5 stars for Heat (1995).", reply.Text);
        Assert.Empty(_server.Calls("getUpdates"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("test_Secret-1234")]
    public async Task Webhook_RequestWithoutTheSecret_Gets401AndIsIgnored(string? presentedSecret)
    {
        await using var channel = await StartWebhookChannelAsync();
        var listener = await channel.Channel.WebhookAddress.WaitAsync(TimeSpan.FromSeconds(20));

        using var response = await PostUpdateAsync(listener, "/telegram/updates", UpdateJson(1), presentedSecret);
        var rejection = await channel.Logs.WaitForAsync(e => e.EventId.Id == 28, "the rejection was logged");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(channel.Handler.Handled);
        Assert.DoesNotContain(Secret, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SameUpdateDeliveredTwice_HandledOnce()
    {
        await using var channel = await StartWebhookChannelAsync();
        var listener = await channel.Channel.WebhookAddress.WaitAsync(TimeSpan.FromSeconds(20));
        var update = UpdateJson(777);

        using var first = await PostUpdateAsync(listener, "/telegram/updates", update, Secret);
        using var second = await PostUpdateAsync(listener, "/telegram/updates", update, Secret);
        using var next = await PostUpdateAsync(listener, "/telegram/updates", UpdateJson(778), Secret);
        var replies = await _server.WaitForMessagesAsync(Alice.Id, 2);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, next.StatusCode));
        Assert.Equal(["echo update 777", "echo update 778"], channel.Handler.Handled.Select(m => m.Text));
        Assert.Equal(["update 777", "update 778"], replies.Select(m => m.Text));
    }

    [Fact]
    public async Task Webhook_WrongPathOrBody_Rejected()
    {
        await using var channel = await StartWebhookChannelAsync();
        var listener = await channel.Channel.WebhookAddress.WaitAsync(TimeSpan.FromSeconds(20));

        using var wrongPath = await PostUpdateAsync(listener, "/other", UpdateJson(1), Secret);
        using var notJson = await PostUpdateAsync(listener, "/telegram/updates", "{not json", Secret);

        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Empty(channel.Handler.Handled);
    }

    [Fact]
    public async Task SwitchToPolling_DeletesWebhook()
    {
        var webhookChannel = await StartWebhookChannelAsync();
        await webhookChannel.Channel.WebhookAddress.WaitAsync(TimeSpan.FromSeconds(20));
        await _server.WaitUntilAsync(server => server.WebhookUrl is not null, "the webhook was registered");
        await webhookChannel.StopAsync();
        var webhookAfterStop = _server.WebhookUrl;

        await using var pollingChannel = await ChannelHarness.StartAsync(_server, DatabasePath);
        _server.SendText(Alice, "echo polling again");
        var reply = (await _server.WaitForMessagesAsync(Alice.Id, 1))[0];

        Assert.Equal(WebhookUrl, webhookAfterStop);
        Assert.Null(_server.WebhookUrl);
        Assert.Equal("polling again", reply.Text);
        Assert.All(_server.Calls("getUpdates"), call => Assert.NotEqual(409, call.StatusCode));
    }

    private Task<ChannelHarness> StartWebhookChannelAsync() =>
        ChannelHarness.StartAsync(_server, DatabasePath, configure: settings =>
        {
            settings["Telegram:WebhookUrl"] = WebhookUrl;
            settings["Telegram:WebhookSecretToken"] = Secret;
            settings["Telegram:WebhookListenUrl"] = "http://127.0.0.1:0";
        });

    private static string UpdateJson(int updateId) => new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["from"] = new JsonObject { ["id"] = Alice.Id, ["is_bot"] = false, ["first_name"] = Alice.FirstName, ["language_code"] = "en" },
            ["chat"] = new JsonObject { ["id"] = Alice.Id, ["type"] = "private", ["first_name"] = Alice.FirstName },
            ["date"] = 1767225600,
            ["text"] = $"echo update {updateId}",
        },
    }.ToJsonString();

    private async Task<HttpResponseMessage> PostUpdateAsync(Uri listener, string path, string body, string? secret)
    {
        _server.RegisterPrivateChat(Alice);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(listener, path))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return await http.SendAsync(request);
    }
}
