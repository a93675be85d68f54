using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using ChatBot.Channels.Discord.Gateway;
using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>
/// Reads gateway dispatches and runs their handlers off the receive loop. Messages and interactions have
/// separate concurrency limits, so slow chat replies never hold up an interaction's 3-second response.
/// </summary>
internal sealed partial class DiscordEventDispatcher(
    MessageEventHandler messages,
    InteractionEventHandler interactions,
    CommandRegistrar registrar,
    BotIdentity identity,
    IOptions<DiscordOptions> options,
    ILogger<DiscordEventDispatcher> logger)
{
    /// <summary>The most handler tasks that may wait or run at once; reading pauses beyond it.</summary>
    private const int MaxPendingHandlers = 1024;

    private readonly RunningTasks _running = new();
    private bool _commandsRegistered;

    /// <summary>Handles dispatches until the reader completes or the token is cancelled, then waits for running handlers.</summary>
    public async Task RunAsync(ChannelReader<GatewayDispatch> reader, CancellationToken cancellationToken)
    {
        using var messageSlots = new SemaphoreSlim(options.Value.MaxConcurrentMessages);
        using var interactionSlots = new SemaphoreSlim(options.Value.MaxConcurrentInteractions);
        using var pending = new SemaphoreSlim(MaxPendingHandlers);
        try
        {
            await foreach (var dispatch in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    switch (dispatch.Type)
                    {
                        case "READY":
                            OnReady(dispatch.Data, cancellationToken);
                            break;
                        case "MESSAGE_CREATE":
                            var message = Parse<DiscordMessage>(dispatch);
                            if (message is not null && messages.IsForBot(message))
                            {
                                await StartAsync(pending, messageSlots, token => messages.HandleAsync(message, token), cancellationToken).ConfigureAwait(false);
                            }

                            break;
                        case "INTERACTION_CREATE":
                            var interaction = Parse<Interaction>(dispatch);
                            if (interaction is not null)
                            {
                                await StartAsync(pending, interactionSlots, token => interactions.HandleAsync(interaction, token), cancellationToken).ConfigureAwait(false);
                            }

                            break;
                        default:
                            break;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogDispatchFailed(logger, dispatch.Type, dispatch.Sequence, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await _running.WhenAll().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void OnReady(JsonElement data, CancellationToken cancellationToken)
    {
        var ready = data.Deserialize<ReadyData>(DiscordJson.Options);
        if (ready is null)
        {
            return;
        }

        var configured = options.Value.ApplicationId;
        identity.Set(ready.User.Id, string.IsNullOrWhiteSpace(configured) ? ready.Application?.Id : configured);
        if (_commandsRegistered || !options.Value.RegisterCommands || identity.ApplicationId is not { } applicationId)
        {
            return;
        }

        _commandsRegistered = true;
        _running.Track(registrar.RegisterAsync(applicationId, cancellationToken));
    }

    private async Task StartAsync(SemaphoreSlim pending, SemaphoreSlim slots, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        _running.Track(RunAsync());

        async Task RunAsync()
        {
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await handle(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                pending.Release();
            }
        }
    }

    private T? Parse<T>(GatewayDispatch dispatch)
        where T : class
    {
        try
        {
            return dispatch.Data.Deserialize<T>(DiscordJson.Options);
        }
        catch (JsonException exception)
        {
            LogDispatchFailed(logger, dispatch.Type, dispatch.Sequence, exception);
            return null;
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "Discord dispatch {Type} with sequence {Sequence} could not be handled.")]
    private static partial void LogDispatchFailed(ILogger logger, string type, long sequence, Exception exception);
}
