using ChatBot.Channels.Telegram.Tests.FakeBotApi;
using ChatBot.Core.Conversations;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using ChatBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram.Tests.Support;

/// <summary>
/// Runs the Telegram channel in a real generic host, configured like production except that
/// Telegram:ApiBaseUrl points at the fake Bot API server. The real LiteDB stores live in a file the
/// test names, so a second harness on the same file is a restart.
/// </summary>
public sealed class ChannelHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ScriptedConversationHandler? _handler;
    private bool _stopped;

    private ChannelHarness(IHost host, CapturingLoggerProvider logs)
    {
        _host = host;
        Logs = logs;
        _handler = host.Services.GetService<IConversationHandler>() as ScriptedConversationHandler;
    }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Gets the scripted handler, when the harness was started without another handler.</summary>
    /// <remarks>Stays readable after <see cref="StopAsync"/>.</remarks>
    public ScriptedConversationHandler Handler => _handler ?? throw new InvalidOperationException("The harness runs another handler.");

    internal TelegramChannelService Channel => _host.Services.GetServices<IHostedService>().OfType<TelegramChannelService>().Single();

    public static Dictionary<string, string?> DefaultSettings(FakeBotApiServer server) => new()
    {
        ["Telegram:BotToken"] = server.Token,
        ["Telegram:ApiBaseUrl"] = server.BaseUrl,
        ["Telegram:PollTimeoutSeconds"] = "5",
        ["Telegram:PrivateChatMessageIntervalMs"] = "20",
        ["Telegram:GroupMessageIntervalMs"] = "20",
        ["Telegram:ShutdownTimeoutSeconds"] = "5",
    };

    /// <param name="composeProduct">Registers the real product services instead of the scripted handler and bare stores.</param>
    public static async Task<ChannelHarness> StartAsync(
        FakeBotApiServer server,
        string databasePath,
        Func<IServiceProvider, IConversationHandler>? handler = null,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection, IConfiguration>? composeProduct = null)
    {
        var settings = DefaultSettings(server);
        configure?.Invoke(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (composeProduct is not null)
        {
            composeProduct(builder.Services, builder.Configuration);
        }
        else
        {
            builder.Services.AddSingleton(services => new ChatBotDatabase(databasePath, services.GetRequiredService<ILogger<ChatBotDatabase>>()));
            builder.Services.AddSingleton<IKeyValueStore, LiteKeyValueStore>();
            builder.Services.AddSingleton<IPersonStore, LitePersonStore>();
            builder.Services.AddSingleton<IRatingStore, LiteRatingStore>();
            builder.Services.AddSingleton(handler ?? (services => new ScriptedConversationHandler(
                services.GetRequiredService<IPersonStore>(), services.GetRequiredService<IRatingStore>())));
        }

        builder.Services.AddTelegramChannel(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new ChannelHarness(host, logs);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Returns the person behind a simulated user's Telegram identity, or null.</summary>
    public Person? Person(TestUser user) =>
        Get<IPersonStore>().Find(new PlatformIdentity(Platforms.Telegram, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Stops the host (the channel drains and stops) and closes the database.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
