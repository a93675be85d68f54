using System.Collections.Concurrent;
using ChatBot.Channels.Telegram.Rendering;
using Microsoft.Extensions.Logging;
using Polly;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatBot.Channels.Telegram.Sending;

/// <summary>
/// Sends messages and callback answers. Messages wait for their flood-limit slot, 429 and transient
/// failures are retried, a chat that blocked the bot is skipped from then on, and a failed send is
/// logged, never thrown; only cancellation escapes.
/// </summary>
internal sealed class MessageSender(ITelegramBotClient client, FloodGate floodGate, ResiliencePipeline pipeline, ILogger logger)
{
    /// <summary>Telegram's maximum length of a callback answer's text.</summary>
    public const int MaxCallbackAnswerLength = 200;

    private readonly ConcurrentDictionary<long, bool> _blockedChats = new();

    /// <summary>Sends one message; returns whether Telegram accepted it.</summary>
    public async Task<bool> SendAsync(long chatId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (_blockedChats.ContainsKey(chatId))
        {
            TelegramLog.SendSkippedBlocked(logger, chatId);
            return false;
        }

        try
        {
            await SendWithRetryAsync(chatId, message.Html, ParseMode.Html, message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 403)
        {
            MarkBlocked(chatId, exception.Message);
            return false;
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 400 && exception.Parameters?.MigrateToChatId is long newChatId)
        {
            TelegramLog.ChatMigrated(logger, chatId, newChatId);
            return await SendFallbackAsync(newChatId, message.Html, ParseMode.Html, message, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 400 && IsParseError(exception))
        {
            TelegramLog.HtmlRejected(logger, chatId, exception.Message);
            return await SendFallbackAsync(chatId, message.PlainText, ParseMode.None, message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestException exception)
        {
            TelegramLog.SendFailed(logger, exception, chatId);
            return false;
        }
    }

    /// <summary>Answers a button press, optionally with a short notification; failures are logged.</summary>
    public async Task AnswerCallbackAsync(string callbackQueryId, string? text, CancellationToken cancellationToken)
    {
        if (text is { Length: > MaxCallbackAnswerLength })
        {
            text = text[..(MaxCallbackAnswerLength - 1)] + "…";
        }

        var context = ResilienceContextPool.Shared.Get("answerCallbackQuery", cancellationToken);
        try
        {
            await pipeline.ExecuteAsync(
                async (ctx, state) => await client.AnswerCallbackQuery(state.callbackQueryId, state.text, cancellationToken: ctx.CancellationToken).ConfigureAwait(false),
                context,
                (callbackQueryId, text)).ConfigureAwait(false);
        }
        catch (RequestException exception)
        {
            // A query older than Telegram's answer window can no longer be answered; the person
            // still gets the reply as a message.
            TelegramLog.CallbackAnswerFailed(logger, callbackQueryId, exception.Message);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Records that the person blocked the bot (403 or a my_chat_member update); logged once per chat.</summary>
    public void MarkBlocked(long chatId, string reason)
    {
        if (_blockedChats.TryAdd(chatId, true))
        {
            TelegramLog.ChatBlocked(logger, chatId, reason);
        }
    }

    /// <summary>Records that the chat may receive messages again (the person wrote or unblocked the bot).</summary>
    public void MarkReachable(long chatId)
    {
        if (_blockedChats.TryRemove(chatId, out _))
        {
            TelegramLog.ChatUnblocked(logger, chatId);
        }
    }

    private static bool IsParseError(ApiRequestException exception) =>
        exception.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase);

    private async Task<bool> SendFallbackAsync(long chatId, string text, ParseMode parseMode, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await SendWithRetryAsync(chatId, text, parseMode, message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 403)
        {
            MarkBlocked(chatId, exception.Message);
            return false;
        }
        catch (RequestException exception)
        {
            TelegramLog.SendFailed(logger, exception, chatId);
            return false;
        }
    }

    private async Task SendWithRetryAsync(long chatId, string text, ParseMode parseMode, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var keyboard = message.Keyboard.Count == 0
            ? null
            : new InlineKeyboardMarkup(message.Keyboard.Select(row => row.Select(button => InlineKeyboardButton.WithCallbackData(button.Label, button.CallbackData))));
        var context = ResilienceContextPool.Shared.Get($"sendMessage to chat {chatId}", cancellationToken);
        try
        {
            await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    // Every attempt, retries included, waits for a flood-limit slot of its own.
                    await floodGate.WaitAsync(state.chatId, ctx.CancellationToken).ConfigureAwait(false);
                    await client.SendMessage(
                        state.chatId,
                        state.text,
                        parseMode: state.parseMode,
                        replyMarkup: state.keyboard,
                        linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                        cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (chatId, text, parseMode, keyboard)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
