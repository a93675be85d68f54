using ChatBot.Channels.Discord.Gateway;
using ChatBot.Core.Messaging;
using ChatBot.Core.Titles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>A real generic host running the Discord channel against a <see cref="FakeDiscord"/>.</summary>
public sealed class DiscordTestHost : IAsyncDisposable
{
    private DiscordTestHost(IHost host, RecordingLoggerProvider logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Gets the task of the channel's hosted service; it completes when the channel stops.</summary>
    public Task ChannelCompletion =>
        Host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single().ExecuteTask ?? Task.CompletedTask;

    /// <summary>Gets gateway timings short enough for tests; Discord's own values are seconds.</summary>
    internal static GatewayTimings FastTimings { get; } = new()
    {
        IdentifyInterval = TimeSpan.FromMilliseconds(50),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(20),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(60),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        CloseTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Starts a host with the Discord channel; without a handler, <paramref name="configureServices"/> registers the conversation service.</summary>
    public static async Task<DiscordTestHost> StartAsync(
        FakeDiscord fake,
        IConversationHandler? handler,
        ITitleIndex? titles = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var values = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscord.Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:ReconnectMaxDelaySeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var logs = new RecordingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(FastTimings);
        if (handler is not null)
        {
            builder.Services.AddSingleton(handler);
        }

        if (titles is not null)
        {
            builder.Services.AddSingleton(titles);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddDiscordChannel(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new DiscordTestHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(timeout.Token).ConfigureAwait(false);
        Host.Dispose();
    }
}
