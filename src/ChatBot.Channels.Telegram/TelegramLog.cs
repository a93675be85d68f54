using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram;

/// <summary>
/// Log events of the Telegram channel. Ids: 1-19 lifecycle, 20-39 receiving, 40-59 handling,
/// 60-79 sending, 80-89 rendering. No event carries the bot token.
/// </summary>
internal static partial class TelegramLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Telegram channel starting with {Mode}.")]
    public static partial void Starting(ILogger logger, string mode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connected to Telegram as @{Username} (bot id {BotId}).")]
    public static partial void Connected(ILogger logger, string username, long botId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Telegram rejected the bot token with {ErrorCode}; the channel stops. Check Telegram:BotToken.")]
    public static partial void TokenRejected(ILogger logger, int errorCode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Registered {Count} bot commands in English and Chinese.")]
    public static partial void CommandsRegistered(ILogger logger, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Could not register the bot commands for language {Language}; the command menu may be outdated.")]
    public static partial void CommandsNotRegistered(ILogger logger, Exception exception, string language);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Resuming {InboxCount} received updates and {OutboxCount} unsent replies from the previous run.")]
    public static partial void Resuming(ILogger logger, int inboxCount, int outboxCount);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Telegram channel stopped; {Abandoned} updates were abandoned and will run after the next start.")]
    public static partial void Stopped(ILogger logger, int abandoned);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Long polling started at offset {Offset} with a {TimeoutSeconds} s timeout.")]
    public static partial void PollingStarted(ILogger logger, int offset, int timeoutSeconds);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Long polling stopped at offset {Offset}.")]
    public static partial void PollingStopped(ILogger logger, int offset);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error,
        Message = "Telegram answered 409 Conflict: {Description}. Another instance is polling with this token, or a webhook is set; only one receiver may run. Retrying in {Delay}.")]
    public static partial void PollingConflict(ILogger logger, string description, TimeSpan delay);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Removed any webhook so that long polling can run.")]
    public static partial void WebhookDeleted(ILogger logger);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Telegram restarted its update ids at {UpdateId} (the offset was {Offset}); continuing from the new ids.")]
    public static partial void UpdateIdsRestarted(ILogger logger, int updateId, int offset);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "The final getUpdates call that confirms received updates failed ({Reason}); Telegram will deliver them again and they will be dropped as duplicates.")]
    public static partial void FinalConfirmFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "Webhook listener bound to {Address}, path {Path}.")]
    public static partial void WebhookListening(ILogger logger, string address, string path);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "Registered the webhook {WebhookUrl} with Telegram.")]
    public static partial void WebhookRegistered(ILogger logger, string webhookUrl);

    [LoggerMessage(EventId = 28, Level = LogLevel.Warning, Message = "Rejected a webhook request from {RemoteAddress} without the right secret token ({Count} so far).")]
    public static partial void WebhookSecretRejected(ILogger logger, string remoteAddress, long count);

    [LoggerMessage(EventId = 29, Level = LogLevel.Warning, Message = "Rejected a webhook request whose body is not a valid update: {Reason}")]
    public static partial void WebhookBodyInvalid(ILogger logger, string reason);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Request {Operation} failed (attempt {Attempt}); retrying in {Delay}.")]
    public static partial void RequestRetrying(ILogger logger, Exception? exception, string operation, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Telegram rate-limited {Operation} (429); retrying after {Delay} as it asked.")]
    public static partial void RateLimited(ILogger logger, string operation, TimeSpan delay);

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "The conversation service failed on update {UpdateId} in chat {ChatId}; the person gets an apology.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, int updateId, string chatId);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Handling update {UpdateId} in chat {ChatId} failed.")]
    public static partial void UpdateFailed(ILogger logger, Exception exception, int updateId, long chatId);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Abandoned update {UpdateId} in chat {ChatId} at shutdown; it runs again after the next start.")]
    public static partial void UpdateAbandoned(ILogger logger, int updateId, long chatId);

    [LoggerMessage(EventId = 43, Level = LogLevel.Debug, Message = "Ignored update {UpdateId} of type {UpdateType}.")]
    public static partial void UpdateIgnored(ILogger logger, int updateId, string updateType);

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "Button press in update {UpdateId} in chat {ChatId} carried missing or over-long callback data; answered that the button is invalid.")]
    public static partial void CallbackDataInvalid(ILogger logger, int updateId, long chatId);

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Chat {ChatId} blocked the bot or is unreachable ({Reason}); no more messages go there until the person writes again.")]
    public static partial void ChatBlocked(ILogger logger, long chatId, string reason);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Chat {ChatId} can receive messages again.")]
    public static partial void ChatUnblocked(ILogger logger, long chatId);

    [LoggerMessage(EventId = 62, Level = LogLevel.Debug, Message = "Skipped a message to chat {ChatId}, which blocked the bot.")]
    public static partial void SendSkippedBlocked(ILogger logger, long chatId);

    [LoggerMessage(EventId = 63, Level = LogLevel.Error, Message = "Sending a message to chat {ChatId} failed; the message is dropped.")]
    public static partial void SendFailed(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "Telegram rejected the HTML of a message to chat {ChatId} ({Reason}); sending it as plain text.")]
    public static partial void HtmlRejected(ILogger logger, long chatId, string reason);

    [LoggerMessage(EventId = 65, Level = LogLevel.Warning, Message = "Group {ChatId} became supergroup {NewChatId}; sending there.")]
    public static partial void ChatMigrated(ILogger logger, long chatId, long newChatId);

    [LoggerMessage(EventId = 66, Level = LogLevel.Warning, Message = "Answering button press {CallbackQueryId} failed: {Reason}")]
    public static partial void CallbackAnswerFailed(ILogger logger, string callbackQueryId, string reason);

    [LoggerMessage(EventId = 80, Level = LogLevel.Warning, Message = "Left out button '{Label}': its label is empty or its payload ({PayloadBytes} bytes) is not 1 to 64 UTF-8 bytes.")]
    public static partial void ButtonDropped(ILogger logger, string label, int payloadBytes);

    [LoggerMessage(EventId = 81, Level = LogLevel.Warning, Message = "A reply had {Count} buttons; only the first rows with up to {Max} buttons are shown.")]
    public static partial void ButtonsTruncated(ILogger logger, int count, int max);
}
