using ChatBot.Channels.Discord.Adapter;
using ChatBot.Channels.Discord.Gateway;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord;

/// <summary>
/// The Discord channel as a hosted service: runs one gateway shard and hands its events to the adapter.
/// A fatal close code or a rejected token stops this service with an error log; the host keeps running.
/// </summary>
internal sealed partial class DiscordChannelService(
    DiscordRestClient rest,
    DiscordEventDispatcher dispatcher,
    IOptions<DiscordOptions> options,
    GatewayTimings timings,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    DiscordChannelStatus status,
    ChatBotMetrics? metrics = null) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DiscordChannelService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarting(_logger, settings.ShardId, settings.ShardCount, settings.ApiBaseUrl);
        status.Current.Set(ChannelState.Starting);
        var gateway = new DiscordGatewayClient(rest, settings, timings, timeProvider, loggerFactory.CreateLogger<DiscordGatewayClient>(), status.Current, metrics);
        var dispatching = dispatcher.RunAsync(gateway.Dispatches, stoppingToken);
        try
        {
            await gateway.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status.Current.Set(ChannelState.Stopped, "host stopping");
        }
        catch (DiscordGatewayFatalException exception)
        {
            status.Current.Set(ChannelState.Failed, $"gateway closed with {exception.CloseCode}");
            LogFatalClose(_logger, exception.CloseCode, exception.Message);
        }
        catch (DiscordUnauthorizedException exception)
        {
            status.Current.Set(ChannelState.Failed, "invalid token");
            LogTokenRejected(_logger, exception.Message);
        }
        finally
        {
            await dispatching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        LogStopped(_logger);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Discord channel starting: shard {ShardId} of {ShardCount}, API {ApiBaseUrl}.")]
    private static partial void LogStarting(ILogger logger, int shardId, int shardCount, string apiBaseUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Discord channel stopped.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Discord channel stopped for good (close code {CloseCode}): {Reason} The rest of the host keeps running.")]
    private static partial void LogFatalClose(ILogger logger, int closeCode, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "Discord channel stopped for good: {Reason} The rest of the host keeps running.")]
    private static partial void LogTokenRejected(ILogger logger, string reason);
}

/// <summary>The Discord channel's <see cref="ChannelStatus"/>, which the host's readiness check also reads.</summary>
internal sealed class DiscordChannelStatus(ChannelStatus current)
{
    public ChannelStatus Current { get; } = current;
}
