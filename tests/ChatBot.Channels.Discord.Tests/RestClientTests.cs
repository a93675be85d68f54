using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Channels.Discord.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Tests;

public sealed class RestClientTests : IAsyncLifetime
{
    private const string ChannelA = "600000000000000011";
    private const string ChannelB = "600000000000000012";

    private FakeDiscord _discord = null!;
    private ServiceProvider _services = null!;
    private RecordingLoggerProvider _logs = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _logs = new RecordingLoggerProvider();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(_logs))
            .AddHttpClient(DiscordRestClient.HttpClientName).Services
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task CreateMessage_BucketExhausted_NextRequestWaitsForReset()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == $"/channels/{ChannelA}/messages"
            ? new FakeResponse(200, new JsonObject { ["id"] = "1", ["channel_id"] = ChannelA }) { Headers = BucketHeaders(remaining: 0, resetAfter: 0.6) }
            : null);

        await client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "first" }, CancellationToken.None);
        var firstAnswered = DateTimeOffset.UtcNow;
        var otherChannel = client.CreateMessageAsync(ChannelB, new MessagePayload { Content = "other channel" }, CancellationToken.None);
        await client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "second" }, CancellationToken.None);
        await otherChannel;

        var second = Assert.Single(_discord.Requests, request => request.Body.Contains("second", StringComparison.Ordinal));
        var other = Assert.Single(_discord.Requests, request => request.Body.Contains("other channel", StringComparison.Ordinal));
        Assert.True(second.ReceivedAt - firstAnswered >= TimeSpan.FromMilliseconds(550), $"sent after {(second.ReceivedAt - firstAnswered).TotalMilliseconds} ms");
        Assert.True(other.ReceivedAt - firstAnswered < TimeSpan.FromMilliseconds(500), "a channel's bucket must not hold up another channel (major parameter)");
        Assert.True(_logs.Contains(LogLevel.Information, "Rate limit: waiting"), _logs.Dump());
    }

    [Fact]
    public async Task CreateMessage_RouteLimited429_RetriesAfterRetryAfter()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == $"/channels/{ChannelA}/messages" ? FakeResponse.RateLimited(0.4, global: false) : null);

        var started = DateTimeOffset.UtcNow;
        var message = await client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "retry me" }, CancellationToken.None);

        var attempts = _discord.Requests.Where(request => request.Path == $"/channels/{ChannelA}/messages").ToList();
        Assert.Equal(2, attempts.Count);

        // The Retry-After header (1 s, rounded up) is longer than the body's 0.4 s, and the larger one wins.
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(950));
        Assert.False(string.IsNullOrEmpty(message.Id));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CreateMessage_Global429_PausesOtherRoutesToo()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == $"/channels/{ChannelA}/messages" ? FakeResponse.RateLimited(0.5, global: true) : null);

        var limited = client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "global" }, CancellationToken.None);
        var first = await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{ChannelA}/messages");
        await WaitUntilAsync(() => client.InvalidRequestCount == 1);
        await client.CreateMessageAsync(ChannelB, new MessagePayload { Content = "other route" }, CancellationToken.None);
        await limited;

        var other = Assert.Single(_discord.Requests, request => request.Path == $"/channels/{ChannelB}/messages");
        Assert.True(other.ReceivedAt - first.ReceivedAt >= TimeSpan.FromMilliseconds(900), $"sent after {(other.ReceivedAt - first.ReceivedAt).TotalMilliseconds} ms");
        Assert.Equal(2, _discord.Requests.Count(request => request.Path == $"/channels/{ChannelA}/messages"));
    }

    [Fact]
    public async Task InteractionCallback_DuringGlobalPause_IsNotHeldBack()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == $"/channels/{ChannelA}/messages" ? FakeResponse.RateLimited(2, global: true) : null);

        var limited = client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "global" }, CancellationToken.None);
        var first = await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{ChannelA}/messages");
        await WaitUntilAsync(() => client.InvalidRequestCount == 1);
        await client.CreateInteractionResponseAsync("300000000000000001", "token", new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None);
        var callback = Assert.Single(_discord.Requests, request => request.Path.StartsWith("/interactions/", StringComparison.Ordinal));
        await limited;

        Assert.True(callback.ReceivedAt - first.ReceivedAt < TimeSpan.FromSeconds(1), "interaction endpoints are exempt from the global limit");
    }

    [Fact]
    public async Task Send_ServerError_RetriedWithBackoff()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == "/gateway/bot" ? new FakeResponse(502, null) : null);

        var info = await client.GetGatewayBotAsync(CancellationToken.None);

        Assert.Equal(2, _discord.Requests.Count(request => request.Path == "/gateway/bot"));
        Assert.StartsWith("ws://127.0.0.1:", info.Url, StringComparison.Ordinal);
        Assert.True(_logs.Contains(LogLevel.Warning, "returned 502"), _logs.Dump());
    }

    [Fact]
    public async Task Send_SlowResponsePastTimeout_RetriedAndSucceeds()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == "/gateway/bot"
            ? new FakeResponse(200, new JsonObject { ["url"] = "ws://slow" }) { Delay = TimeSpan.FromSeconds(2) }
            : null);

        var info = await client.GetGatewayBotAsync(CancellationToken.None);

        Assert.Equal(2, _discord.Requests.Count(request => request.Path == "/gateway/bot"));
        Assert.NotEqual("ws://slow", info.Url);
    }

    [Fact]
    public async Task Send_Unauthorized_StopsSendingAndNeverLogsToken()
    {
        var client = CreateClient(token: "MTIz.wrong.token");

        var first = await Assert.ThrowsAsync<DiscordUnauthorizedException>(() => client.GetGatewayBotAsync(CancellationToken.None));
        var second = await Assert.ThrowsAsync<DiscordUnauthorizedException>(() => client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "x" }, CancellationToken.None));

        Assert.Single(_discord.Requests);
        Assert.Contains("Discord:BotToken", first.Message, StringComparison.Ordinal);
        Assert.Contains("earlier", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Lines, line => line.Text.Contains("wrong", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_InvalidRequestLimitReached_RefusesWithoutSending()
    {
        var client = CreateClient(invalidRequestLimit: 10);
        for (var i = 0; i < 10; i++)
        {
            _discord.EnqueueRest(request => request.Path.StartsWith("/channels/", StringComparison.Ordinal)
                ? new FakeResponse(403, new JsonObject { ["message"] = "Missing Permissions", ["code"] = 50013 })
                : null);
        }

        for (var i = 0; i < 10; i++)
        {
            var forbidden = await Assert.ThrowsAsync<DiscordRestException>(() => client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "x" }, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal(50013, forbidden.ErrorCode);
        }

        var refused = await Assert.ThrowsAsync<DiscordRestException>(() => client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "x" }, CancellationToken.None));

        Assert.Equal(10, _discord.Requests.Count);
        Assert.Null(refused.StatusCode);
        Assert.Contains("Discord:InvalidRequestLimit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SharedScope429_IsNotCountedAsInvalid()
    {
        var client = CreateClient();
        _discord.EnqueueRest(request => request.Path == $"/channels/{ChannelA}/messages" ? FakeResponse.RateLimited(0.1, global: false, scope: "shared") : null);

        await client.CreateMessageAsync(ChannelA, new MessagePayload { Content = "shared" }, CancellationToken.None);

        Assert.Equal(0, client.InvalidRequestCount);
    }

    private DiscordRestClient CreateClient(string token = FakeDiscord.Token, int invalidRequestLimit = 2500) => new(
        _services.GetRequiredService<IHttpClientFactory>(),
        Options.Create(new DiscordOptions
        {
            BotToken = token,
            ApiBaseUrl = _discord.ApiBaseUrl,
            RequestTimeoutSeconds = 1,
            InvalidRequestLimit = invalidRequestLimit,
        }),
        TimeProvider.System,
        _services.GetRequiredService<ILogger<DiscordRestClient>>());

    private static IReadOnlyList<(string, string)> BucketHeaders(int remaining, double resetAfter) =>
    [
        ("X-RateLimit-Limit", "5"),
        ("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Bucket", "channelmessages"),
    ];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
