using ChatBot.Core.Conversations;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Telegram.Tests;

public sealed class TelegramOptionsTests
{
    private const string ValidToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_";

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")]
    [InlineData("123456789:short")]
    [InlineData("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw with space")]
    public async Task StartAsync_MalformedToken_StopsHostWithMessageNamingTheKey(string token)
    {
        using var host = BuildHost(new() { ["Telegram:BotToken"] = token });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Telegram:BotToken", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WebhookWithoutSecretOrHttps_ListsEveryProblem()
    {
        using var host = BuildHost(new()
        {
            ["Telegram:BotToken"] = ValidToken,
            ["Telegram:WebhookUrl"] = "http://bot.example.test/hook",
            ["Telegram:PollLimit"] = "500",
        });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Telegram:WebhookUrl", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Telegram:WebhookSecretToken", exception.Message, StringComparison.Ordinal);
        Assert.Contains("PollLimit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WellFormedSettings_Succeeds()
    {
        var options = new TelegramOptions
        {
            BotToken = ValidToken,
            ApiBaseUrl = "http://127.0.0.1:8081",
            WebhookUrl = "https://bot.example.test/telegram",
            WebhookSecretToken = "s3cret_-token",
        };

        var result = new TelegramOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void IsConfigured_NoToken_IsFalseAndNothingIsRegistered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:BotToken"] = " " }).Build();
        var services = new ServiceCollection();

        services.AddTelegramChannel(configuration);

        Assert.False(TelegramServiceCollectionExtensions.IsConfigured(configuration));
        Assert.Empty(services);
    }

    [Fact]
    public void IsConfigured_TokenFromEnvironmentStyleKey_IsTrue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:BotToken"] = ValidToken }).Build();

        Assert.True(TelegramServiceCollectionExtensions.IsConfigured(configuration));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IConversationHandler>(new UnusedHandler());
        builder.Services.AddSingleton<IKeyValueStore>(new UnusedStore());
        builder.Services.AddTelegramChannel(builder.Configuration);
        return builder.Build();
    }

    private sealed class UnusedHandler : IConversationHandler
    {
        public Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Validation must stop the host before any message.");
    }

    private sealed class UnusedStore : IKeyValueStore
    {
        public string? Get(string key) => throw new InvalidOperationException("Validation must stop the host before any state is read.");

        public void Set(string key, string value) => throw new InvalidOperationException("Not used.");

        public void Delete(string key) => throw new InvalidOperationException("Not used.");
    }
}
