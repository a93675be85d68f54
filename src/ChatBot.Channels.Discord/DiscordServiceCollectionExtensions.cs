using ChatBot.Channels.Discord.Adapter;
using ChatBot.Channels.Discord.Endpoint;
using ChatBot.Channels.Discord.Gateway;
using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord;

/// <summary>Registers the Discord channel with the host.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>Returns whether a Discord bot token is configured (Discord:BotToken), which turns the channel on.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:BotToken"]);
    }

    /// <summary>
    /// Adds the Discord channel when <see cref="IsConfigured"/> is true: its options (validated at start), the
    /// REST client, the adapter, the interactions endpoint and the hosted service, which starts the gateway, the
    /// endpoint or both according to Discord:Receive. Without a token it adds nothing. The host must register
    /// <see cref="Core.Messaging.IConversationHandler"/>, and <see cref="Core.Titles.ITitleIndex"/> for title autocomplete.
    /// </summary>
    public static IServiceCollection AddDiscordChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsConfigured(configuration))
        {
            return services;
        }

        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new GatewayTimings());
        var status = new ChannelStatus(Platforms.Discord);
        services.AddSingleton(status);
        services.AddSingleton(new DiscordChannelStatus(status));

        // The factory's request logging would write interaction tokens, which are in the URLs, to the logs.
        services.AddHttpClient(DiscordRestClient.HttpClientName).RemoveAllLoggers();

        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton<BotIdentity>();
        services.TryAddSingleton<ReplyRenderer>();
        services.TryAddSingleton<MessageEventHandler>();
        services.TryAddSingleton<InteractionEventHandler>();
        services.TryAddSingleton<CommandRegistrar>();
        services.TryAddSingleton<DiscordEventDispatcher>();
        services.TryAddSingleton<InteractionsEndpoint>();
        services.AddHostedService<DiscordChannelService>();
        return services;
    }
}
