using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;

namespace ChatBot.Channels.Console;

public static class ConsoleChannelServiceCollectionExtensions
{
    /// <summary>Registers the console channel's options and, when <paramref name="enabled"/>, its hosted service.</summary>
    public static IServiceCollection AddConsoleChannel(this IServiceCollection services, IConfiguration configuration, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConsoleChannelOptions>()
            .BindConfiguration(ConsoleChannelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (enabled)
        {
            var status = new ChannelStatus(Platforms.Console);
            services.AddSingleton(status);
            services.AddHostedService(provider => new ConsoleChannelService(
                provider.GetRequiredService<IConversationHandler>(),
                provider.GetRequiredService<IOptions<ConsoleChannelOptions>>(),
                provider.GetRequiredService<IHostApplicationLifetime>(),
                provider.GetRequiredService<ILogger<ConsoleChannelService>>(),
                status));
        }

        return services;
    }

    /// <summary>Returns the "Console:Enabled" setting, or null when it is not set.</summary>
    public static bool? EnabledSetting(IConfiguration configuration) =>
        configuration?.GetSection(ConsoleChannelOptions.SectionName).GetValue<bool?>(nameof(ConsoleChannelOptions.Enabled));
}
