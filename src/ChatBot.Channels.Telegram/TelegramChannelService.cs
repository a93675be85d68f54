using ChatBot.Channels.Telegram.Receiving;
using ChatBot.Channels.Telegram.Rendering;
using ChatBot.Channels.Telegram.Sending;
using ChatBot.Core.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ChatBot.Channels.Telegram;

/// <summary>
/// The hosted service of the Telegram channel: identifies the bot, registers its command menu,
/// resumes what a previous run left unfinished, then receives updates by long polling or webhook
/// until the host stops. On stop it finishes running updates within the shutdown timeout.
/// </summary>
internal sealed class TelegramChannelService(
    IOptions<TelegramOptions> options,
    TelegramBotApi api,
    IConversationHandler handler,
    IKeyValueStore store,
    ReplyRenderer renderer,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    ChannelStatus status,
    ChatBotMetrics? metrics = null) : BackgroundService
{
    private readonly TelegramOptions _options = options.Value;
    private readonly ChannelMonitor _monitor = new(status, metrics);
    private readonly ILogger _logger = loggerFactory.CreateLogger("ChatBot.Channels.Telegram");
    private readonly TaskCompletionSource<Uri> _webhookAddress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes with the webhook listener's address once it listens.</summary>
    internal Task<Uri> WebhookAddress => _webhookAddress.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = api.Client;
        var receivePipeline = TelegramRetry.ForReceiving(timeProvider, _logger, _monitor);
        TelegramLog.Starting(_logger, _options.UsesWebhook ? "webhook" : "long polling");

        BotIdentity bot;
        try
        {
            var me = await receivePipeline.ExecuteAsync(async token => await client.GetMe(token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
            bot = new BotIdentity(me.Id, me.Username ?? string.Empty);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (ApiRequestException exception) when (exception.ErrorCode is 401 or 404)
        {
            // The channel stops for good; the rest of the host (other channels, health) keeps running.
            TelegramLog.TokenRejected(_logger, exception.ErrorCode);
            _monitor.Failed("Telegram rejected the bot token; check Telegram:BotToken");
            return;
        }

        TelegramLog.Connected(_logger, bot.Username, bot.Id);
        _monitor.Connected();
        var ledger = new UpdateLedger(store, bot.Id, _options.HandledUpdateMemory);
        var floodGate = new FloodGate(
            TimeSpan.FromMilliseconds(_options.PrivateChatMessageIntervalMs),
            TimeSpan.FromMilliseconds(_options.GroupMessageIntervalMs),
            _options.GlobalMessagesPerSecond,
            timeProvider);
        var sender = new MessageSender(client, floodGate, TelegramRetry.ForRequests(_options.SendRetryCount, timeProvider, _logger, _monitor), _logger);
        var processor = new UpdateProcessor(
            handler, ledger, renderer, sender, bot, TimeSpan.FromMilliseconds(_options.CallbackAnswerWaitMs), timeProvider, _logger);
        await using var dispatcher = new UpdateDispatcher(processor.ProcessAsync, _options.MaxConcurrentChats, _options.MaxPendingUpdates, _logger);

        try
        {
            await RegisterCommandsAsync(client, stoppingToken).ConfigureAwait(false);
            await ResumeAsync(ledger, processor, dispatcher, stoppingToken).ConfigureAwait(false);
            if (_options.UsesWebhook)
            {
                await ReceiveByWebhookAsync(client, ledger, dispatcher, receivePipeline, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                var polling = new PollingReceiver(client, ledger, dispatcher, receivePipeline, _options, _logger, _monitor);
                await polling.PrepareAsync(stoppingToken).ConfigureAwait(false);
                await polling.RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ApiRequestException exception) when (exception.ErrorCode is 401 or 404)
        {
            TelegramLog.TokenRejected(_logger, exception.ErrorCode);
            _monitor.Failed("Telegram rejected the bot token; check Telegram:BotToken");
        }
        finally
        {
            var abandoned = await dispatcher.DrainAsync(TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds), timeProvider).ConfigureAwait(false);
            TelegramLog.Stopped(_logger, abandoned);
            if (status.State != ChannelState.Failed)
            {
                _monitor.Stopped();
            }
        }
    }

    private async Task ReceiveByWebhookAsync(
        ITelegramBotClient client, UpdateLedger ledger, UpdateDispatcher dispatcher, ResiliencePipeline pipeline, CancellationToken stoppingToken)
    {
        await using var webhook = new WebhookReceiver(client, ledger, dispatcher, pipeline, _options, loggerFactory, _logger);
        try
        {
            await webhook.StartAsync(stoppingToken).ConfigureAwait(false);
            _monitor.Connected("webhook");
            _webhookAddress.TrySetResult(webhook.ListeningAddress!);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await webhook.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Registers the command menu in English (every language) and Chinese; a failure only costs the menu.</summary>
    private async Task RegisterCommandsAsync(ITelegramBotClient client, CancellationToken cancellationToken)
    {
        var pipeline = TelegramRetry.ForRequests(_options.SendRetryCount, timeProvider, _logger);
        foreach (var (commands, language) in new[] { (BotCommands.English, (string?)null), (BotCommands.Chinese, BotCommands.ChineseLanguageCode) })
        {
            try
            {
                await pipeline.ExecuteAsync(
                    async token => await client.SetMyCommands(commands, BotCommandScope.Default(), language, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (RequestException exception) when (exception is not ApiRequestException { ErrorCode: 401 })
            {
                TelegramLog.CommandsNotRegistered(_logger, exception, language ?? "default");
            }
        }

        TelegramLog.CommandsRegistered(_logger, BotCommands.English.Count);
    }

    /// <summary>Sends replies a previous run did not finish and queues the updates it received but did not handle.</summary>
    private async Task ResumeAsync(UpdateLedger ledger, UpdateProcessor processor, UpdateDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var outbox = ledger.GetOutbox();
        var inbox = ledger.GetInbox();
        if (outbox.Count == 0 && inbox.Count == 0)
        {
            return;
        }

        TelegramLog.Resuming(_logger, inbox.Count, outbox.Count);
        foreach (var entry in outbox)
        {
            await processor.SendOutboxAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        foreach (var update in inbox)
        {
            await dispatcher.EnqueueAsync(update, cancellationToken).ConfigureAwait(false);
        }
    }
}
