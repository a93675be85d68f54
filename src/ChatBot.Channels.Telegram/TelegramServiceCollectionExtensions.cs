using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using ChatBot.Channels.Telegram.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Telegram;

/// <summary>Registers the Telegram channel with the host.</summary>
public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Returns whether a Telegram bot token is configured (Telegram:BotToken), which is what turns
    /// the channel on. The host runs the console channel only when no platform channel is on.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.BotToken)}"]);
    }

    /// <summary>
    /// Adds the Telegram channel when <see cref="IsConfigured"/> is true: the validated
    /// <see cref="TelegramOptions"/> (a wrong value stops the host at start with a message naming the
    /// key) and the hosted service. Without a token it adds nothing. The channel needs an
    /// <c>IConversationHandler</c> and an <c>IKeyValueStore</c> from the host.
    /// </summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsConfigured(configuration))
        {
            return services;
        }

        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TelegramBotApi>();
        services.TryAddSingleton<ReplyRenderer>();
        services.AddMetrics();
        services.TryAddSingleton<ChatBotMetrics>();
        var status = new ChannelStatus(Platforms.Telegram);
        services.AddSingleton(status);
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<TelegramChannelService>(provider, status));
        return services;
    }
}
