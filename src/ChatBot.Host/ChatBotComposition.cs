using ChatBot.Catalog;
using ChatBot.Host.Health;
using ChatBot.Language;
using ChatBot.Channels.Console;
using ChatBot.Channels.Discord;
using ChatBot.Channels.Telegram;
using ChatBot.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using ChatBot.Operations;
using ChatBot.Recommendations;
using ChatBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ChatBot.Host;

/// <summary>Composes the host: one call per module.</summary>
public static class ChatBotComposition
{
    /// <summary>Registers every module. With <paramref name="runChannels"/> false (a verb runs) no channel or background service is added.</summary>
    public static HostApplicationBuilder AddChatBot(this HostApplicationBuilder builder, bool runChannels)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });

        // Replies go to standard output; every log line goes to standard error so scripts can read replies alone.
        services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

        services.AddOptions<DataOptions>()
            .BindConfiguration(DataOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddCatalog(configuration);
        services.AddStorage();
        services.AddOperations(configuration);
        services.AddRecommendations(configuration);
        services.AddLanguage(configuration);
        services.AddConversations(configuration);

        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<CatalogHealthCheck>("catalog")
            .AddCheck<ChannelsHealthCheck>("channels");
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("chatbot"))
            .WithMetrics(metrics => metrics
            .AddMeter(ChatBotMetrics.MeterName)
            .AddPrometheusExporter());

        if (runChannels)
        {
            services.AddHostedService<CatalogWarmupService>();
            if (configuration.GetValue<bool>($"{HealthOptions.SectionName}:{nameof(HealthOptions.Enabled)}"))
            {
                services.AddHostedService<HealthEndpointService>();
            }

            services.AddTelegramChannel(configuration);
            services.AddDiscordChannel(configuration);
            var platformConfigured = TelegramServiceCollectionExtensions.IsConfigured(configuration)
                || DiscordServiceCollectionExtensions.IsConfigured(configuration);
            var consoleSetting = ConsoleChannelServiceCollectionExtensions.EnabledSetting(configuration);
            var consoleEnabled = consoleSetting ?? !platformConfigured;
            services.AddConsoleChannel(configuration, consoleEnabled);
            if (!consoleEnabled && !platformConfigured)
            {
                services.AddHostedService<NoChannelWarningService>();
            }
        }
        else
        {
            services.AddConsoleChannel(configuration, enabled: false);
        }

        return builder;
    }
}
