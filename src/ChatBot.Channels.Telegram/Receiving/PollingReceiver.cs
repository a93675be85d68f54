using Microsoft.Extensions.Logging;
using Polly;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Channels.Telegram.Receiving;

/// <summary>
/// Receives updates with long polling. Each batch is stored in the ledger's inbox before the next
/// getUpdates call confirms it to Telegram, so a crash loses nothing. Failed polls back off with
/// jitter, and the loop runs until it is cancelled or Telegram rejects the bot token.
/// </summary>
internal sealed class PollingReceiver(
    ITelegramBotClient client,
    UpdateLedger ledger,
    UpdateDispatcher dispatcher,
    ResiliencePipeline pipeline,
    TelegramOptions options,
    ILogger logger,
    ChannelMonitor? monitor = null)
{
    /// <summary>The update types the bot handles; Telegram drops the rest before they reach the bot.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    /// <summary>Removes any webhook, because Telegram rejects getUpdates with 409 while one is set.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await pipeline.ExecuteAsync(
            async token => await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        TelegramLog.WebhookDeleted(logger);
    }

    /// <summary>Polls until cancelled; then confirms the last batch with a short final call.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TelegramLog.PollingStarted(logger, ledger.NextOffset, options.PollTimeoutSeconds);
        try
        {
            while (true)
            {
                var offset = ledger.NextOffset;
                var updates = await pipeline.ExecuteAsync(
                    async token => await client.GetUpdates(offset, options.PollLimit, options.PollTimeoutSeconds, AllowedUpdates, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                monitor?.Connected();
                if (updates.Length == 0)
                {
                    continue;
                }

                // Telegram picks a new random starting id after a week without updates, so an id
                // below the requested offset means the sequence started again.
                var restarted = updates[0].Id < offset;
                if (restarted)
                {
                    TelegramLog.UpdateIdsRestarted(logger, updates[0].Id, offset);
                }

                var accepted = ledger.Accept(updates, advanceOffset: true, restartOffset: restarted);
                foreach (var update in accepted)
                {
                    await dispatcher.EnqueueAsync(update, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ConfirmReceivedAsync().ConfigureAwait(false);
            TelegramLog.PollingStopped(logger, ledger.NextOffset);
        }
    }

    /// <summary>
    /// Tells Telegram which updates the inbox already holds, so they are not delivered again after
    /// the next start. A failure only costs a redelivery that the ledger drops.
    /// </summary>
    private async Task ConfirmReceivedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.GetUpdates(ledger.NextOffset, limit: 1, timeout: 0, allowedUpdates: AllowedUpdates, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or global::Telegram.Bot.Exceptions.RequestException)
        {
            TelegramLog.FinalConfirmFailed(logger, exception.Message);
        }
    }
}
