using ChatBot.Channels.Telegram.Rendering;
using ChatBot.Channels.Telegram.Sending;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Channels.Telegram.Receiving;

/// <summary>
/// Handles one update: converts it, passes it to the conversation service, records the outcome in the
/// ledger and sends the reply. Errors end at this boundary; only cancellation escapes, and then
/// the update stays in the inbox (or its reply in the outbox) for the next start.
/// </summary>
internal sealed class UpdateProcessor(
    IConversationHandler handler,
    UpdateLedger ledger,
    ReplyRenderer renderer,
    MessageSender sender,
    BotIdentity bot,
    TimeSpan callbackAnswerWait,
    TimeProvider timeProvider,
    ILogger logger)
{
    public async Task ProcessAsync(Update update, CancellationToken cancellationToken)
    {
        switch (update)
        {
            case { Message: { } message }:
                await ProcessMessageAsync(update.Id, message, cancellationToken).ConfigureAwait(false);
                break;
            case { CallbackQuery: { } query }:
                await ProcessCallbackAsync(update.Id, query, cancellationToken).ConfigureAwait(false);
                break;
            case { MyChatMember: { } membership }:
                ProcessMembership(membership);
                ledger.Complete(update.Id, membership.Chat.Id, []);
                break;
            default:
                TelegramLog.UpdateIgnored(logger, update.Id, update.Type.ToString());
                ledger.Complete(update.Id, 0, []);
                break;
        }
    }

    /// <summary>Sends the unsent rest of a stored reply and removes it from the outbox.</summary>
    public async Task SendOutboxAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        for (var i = entry.SentCount; i < entry.Messages.Count; i++)
        {
            await sender.SendAsync(entry.ChatId, entry.Messages[i], cancellationToken).ConfigureAwait(false);
            ledger.MarkSent(entry.UpdateId, i + 1);
        }
    }

    private async Task ProcessMessageAsync(int updateId, Message message, CancellationToken cancellationToken)
    {
        var chatId = message.Chat.Id;
        var incoming = UpdateConverter.FromMessage(message, bot);
        if (incoming is null)
        {
            var language = ChannelTexts.LanguageOf(message.From?.LanguageCode);
            var isUnreadablePrivateMessage = message.Chat.Type == ChatType.Private && message.From is { IsBot: false } && message.Text is null;
            IReadOnlyList<OutgoingMessage> notice = isUnreadablePrivateMessage
                ? renderer.Render(Reply.Plain(ChannelTexts.TextOnly(language), language))
                : [];
            await CompleteAndSendAsync(updateId, chatId, notice, cancellationToken).ConfigureAwait(false);
            return;
        }

        sender.MarkReachable(chatId);
        var reply = await HandleAsync(incoming, updateId, cancellationToken).ConfigureAwait(false);
        await CompleteAndSendAsync(updateId, chatId, renderer.Render(reply), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles a button press. The query is always answered: with the reply itself as a short
    /// notification when it is short and plain, otherwise with an empty answer and the reply as a
    /// message. When the reply takes longer than the configured wait, the answer goes first so the
    /// button stops showing its loading indicator.
    /// </summary>
    private async Task ProcessCallbackAsync(int updateId, CallbackQuery query, CancellationToken cancellationToken)
    {
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var language = ChannelTexts.LanguageOf(query.From.LanguageCode);
        var answered = false;
        try
        {
            sender.MarkReachable(chatId);
            Task<Reply> replyTask;
            if (!ReplyRenderer.IsValidCallbackData(query.Data))
            {
                TelegramLog.CallbackDataInvalid(logger, updateId, chatId);
                replyTask = Task.FromResult(Reply.Plain(ChannelTexts.InvalidButton(language), language) with { Kind = ReplyKind.Error });
            }
            else
            {
                replyTask = HandleAsync(UpdateConverter.FromCallback(query), updateId, cancellationToken);
            }

            var waited = await Task.WhenAny(replyTask, Task.Delay(callbackAnswerWait, timeProvider, cancellationToken)).ConfigureAwait(false);
            if (waited != replyTask)
            {
                await sender.AnswerCallbackAsync(query.Id, null, cancellationToken).ConfigureAwait(false);
                answered = true;
            }

            var reply = await replyTask.ConfigureAwait(false);
            IReadOnlyList<OutgoingMessage> messages;
            if (!answered && IsNotification(reply))
            {
                await sender.AnswerCallbackAsync(query.Id, reply.Text.Trim(), cancellationToken).ConfigureAwait(false);
                answered = true;
                messages = [];
            }
            else
            {
                messages = renderer.Render(reply);
            }

            if (!answered)
            {
                await sender.AnswerCallbackAsync(query.Id, null, cancellationToken).ConfigureAwait(false);
                answered = true;
            }

            await CompleteAndSendAsync(updateId, chatId, messages, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!answered && !cancellationToken.IsCancellationRequested)
            {
                await sender.AnswerCallbackAsync(query.Id, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static bool IsNotification(Reply reply) =>
        reply.Movies.Count == 0
        && reply.Actions.Count == 0
        && !string.IsNullOrWhiteSpace(reply.Text)
        && reply.Text.Trim().Length <= MessageSender.MaxCallbackAnswerLength
        && !reply.Text.Contains('\n', StringComparison.Ordinal);

    private void ProcessMembership(ChatMemberUpdated membership)
    {
        if (membership.Chat.Type != ChatType.Private)
        {
            return;
        }

        if (membership.NewChatMember.Status == ChatMemberStatus.Kicked)
        {
            sender.MarkBlocked(membership.Chat.Id, "the person blocked the bot");
        }
        else if (membership.NewChatMember.Status == ChatMemberStatus.Member)
        {
            sender.MarkReachable(membership.Chat.Id);
        }
    }

    /// <summary>Runs the conversation service; an error becomes an apology, cancellation passes through.</summary>
    private async Task<Reply> HandleAsync(IncomingMessage incoming, int updateId, CancellationToken cancellationToken)
    {
        // NOTE: the update is marked handled only after this returns. A crash or a shutdown abandon
        // while the conversation service runs leaves the update in the inbox, so it runs again after
        // the next start even if the service had already stored part of its effect.
        try
        {
            return await handler.HandleAsync(incoming, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            TelegramLog.HandlerFailed(logger, exception, updateId, incoming.ConversationId);
            var language = ChannelTexts.LanguageOf(incoming.Locale);
            return Reply.Plain(ChannelTexts.InternalError(language), language) with { Kind = ReplyKind.Error };
        }
    }

    private async Task CompleteAndSendAsync(int updateId, long chatId, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ledger.Complete(updateId, chatId, messages);
        if (messages.Count > 0)
        {
            await SendOutboxAsync(new OutboxEntry(updateId, chatId, messages, 0), cancellationToken).ConfigureAwait(false);
        }
    }
}
