using ChatBot.Channels.Discord.Adapter;
using ChatBot.Channels.Discord.Endpoint;
using ChatBot.Channels.Discord.Gateway;
using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord;

/// <summary>
/// The Discord channel as a hosted service: according to Discord:Receive it runs one gateway shard that hands its
/// events to the adapter, the interactions endpoint, or both. A fatal close code, a rejected token or an endpoint
/// that cannot listen stops this service with an error log; the host keeps running.
/// </summary>
internal sealed partial class DiscordChannelService(
    DiscordRestClient rest,
    DiscordEventDispatcher dispatcher,
    InteractionsEndpoint endpoint,
    CommandRegistrar registrar,
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
        LogStarting(_logger, settings.Receive, settings.ShardId, settings.ShardCount, settings.ApiBaseUrl);
        status.Current.Set(ChannelState.Starting);
        var endpointStarted = false;
        try
        {
            if (settings.Receive is DiscordReceiveMode.Interactions or DiscordReceiveMode.Both)
            {
                await endpoint.StartAsync(stoppingToken).ConfigureAwait(false);
                endpointStarted = true;
            }

            if (settings.Receive == DiscordReceiveMode.Interactions)
            {
                await RunWithoutGatewayAsync(settings, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await RunGatewayAsync(settings, stoppingToken).ConfigureAwait(false);
            }
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
        catch (Exception exception) when (!endpointStarted && exception is IOException or InvalidOperationException)
        {
            // Kestrel reports an address in use or not available as an IOException.
            status.Current.Set(ChannelState.Failed, "interactions endpoint cannot listen");
            LogEndpointFailed(_logger, settings.InteractionsListenUrl, exception);
        }
        finally
        {
            if (endpointStarted)
            {
                using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await endpoint.StopAsync(stopTimeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        LogStopped(_logger);
    }

    private async Task RunGatewayAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        var gateway = new DiscordGatewayClient(rest, settings, timings, timeProvider, loggerFactory.CreateLogger<DiscordGatewayClient>(), status.Current, metrics);
        var dispatching = dispatcher.RunAsync(gateway.Dispatches, stoppingToken);
        try
        {
            await gateway.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await dispatching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Serves the interactions endpoint alone. Without READY from a gateway, the application id for slash command
    /// registration comes from Discord:ApplicationId or from GET /applications/@me.
    /// </summary>
    private async Task RunWithoutGatewayAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        status.Current.Set(ChannelState.Connected, "interactions endpoint listening");
        if (settings.RegisterCommands)
        {
            var applicationId = string.IsNullOrWhiteSpace(settings.ApplicationId)
                ? await FindApplicationIdAsync(stoppingToken).ConfigureAwait(false)
                : settings.ApplicationId;
            if (applicationId is not null)
            {
                await registrar.RegisterAsync(applicationId, stoppingToken).ConfigureAwait(false);
            }
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, stoppingToken).ConfigureAwait(false);
    }

    private async Task<string?> FindApplicationIdAsync(CancellationToken stoppingToken)
    {
        try
        {
            return (await rest.GetCurrentApplicationAsync(stoppingToken).ConfigureAwait(false)).Id;
        }
        catch (DiscordRestException exception) when (exception is not DiscordUnauthorizedException)
        {
            LogApplicationIdUnknown(_logger, exception);
            return null;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Discord channel starting: receiving by {Receive}, shard {ShardId} of {ShardCount}, API {ApiBaseUrl}.")]
    private static partial void LogStarting(ILogger logger, DiscordReceiveMode receive, int shardId, int shardCount, string apiBaseUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Discord channel stopped.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Discord channel stopped for good (close code {CloseCode}): {Reason} The rest of the host keeps running.")]
    private static partial void LogFatalClose(ILogger logger, int closeCode, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "Discord channel stopped for good: {Reason} The rest of the host keeps running.")]
    private static partial void LogTokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Critical, Message = "Discord channel stopped for good: the interactions endpoint cannot listen on {ListenUrl}. Free the port or change Discord:InteractionsListenUrl. The rest of the host keeps running.")]
    private static partial void LogEndpointFailed(ILogger logger, string listenUrl, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Discord commands: GET /applications/@me failed, so the application id is unknown and slash commands are not registered. Set Discord:ApplicationId to register them on the next start.")]
    private static partial void LogApplicationIdUnknown(ILogger logger, Exception exception);
}

/// <summary>The Discord channel's <see cref="ChannelStatus"/>, which the host's readiness check also reads.</summary>
internal sealed class DiscordChannelStatus(ChannelStatus current)
{
    public ChannelStatus Current { get; } = current;
}
