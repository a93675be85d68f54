using System.Text.RegularExpressions;
using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>
/// Sends direct messages, and guild messages that mention the bot, through the chat pipeline and posts the
/// reply as a reply to the message. Private replies asked for in a guild go to the user's direct messages.
/// </summary>
internal sealed partial class MessageEventHandler(
    DiscordRestClient rest,
    IConversationHandler conversations,
    ReplyRenderer renderer,
    BotIdentity identity,
    ILogger<MessageEventHandler> logger)
{
    /// <summary>Message types the bot replies to: 0 a default message, 19 a reply.</summary>
    private static readonly int[] AnsweredTypes = [0, 19];

    /// <summary>Returns whether the message is for the bot: a direct message, or a guild message mentioning it.</summary>
    public bool IsForBot(DiscordMessage message)
    {
        var botId = identity.UserId;
        if (botId is null || message.Author.Bot || message.WebhookId is not null || message.Author.Id == botId)
        {
            return false;
        }

        if (!AnsweredTypes.Contains(message.Type))
        {
            return false;
        }

        return message.GuildId is null || message.Mentions.Any(user => user.Id == botId);
    }

    /// <summary>Replies to one message. Every error is caught and logged with the message id.</summary>
    public async Task HandleAsync(DiscordMessage message, CancellationToken cancellationToken)
    {
        if (!IsForBot(message))
        {
            return;
        }

        try
        {
            var incoming = ToIncoming(message, identity.UserId!);
            Reply reply;
            try
            {
                reply = await conversations.HandleAsync(incoming, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, message.Id, message.ChannelId, exception);
                reply = Reply.Plain(AdapterTexts.SomethingWentWrong("en"), "en");
            }

            var payloads = renderer.Render(reply);
            if (reply.IsPrivate && message.GuildId is not null)
            {
                await SendPrivatelyAsync(message, reply, payloads, cancellationToken).ConfigureAwait(false);
                return;
            }

            await SendAsync(message.ChannelId, payloads, message.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogReplyFailed(logger, message.Id, message.ChannelId, exception);
        }
    }

    /// <summary>Converts a message; the bot's own mention is removed and a leading '/' makes a command.</summary>
    internal static IncomingMessage ToIncoming(DiscordMessage message, string botUserId)
    {
        var text = Regex.Replace(message.Content, $"<@!?{Regex.Escape(botUserId)}>", string.Empty).Trim();
        return new IncomingMessage
        {
            Platform = Platforms.Discord,
            PlatformUserId = message.Author.Id,
            ConversationId = message.ChannelId,
            Text = text,
            Command = ParseCommand(text),
            MessageId = message.Id,
        };
    }

    private static CommandInvocation? ParseCommand(string text)
    {
        if (text.Length < 2 || text[0] != '/')
        {
            return null;
        }

        var end = text.IndexOfAny([' ', '\n', '\t']);
        var name = (end < 0 ? text[1..] : text[1..end]).ToLowerInvariant();
        var arguments = end < 0 ? string.Empty : text[end..].Trim();
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? new CommandInvocation(name, arguments) : null;
    }

    private async Task SendPrivatelyAsync(DiscordMessage message, Reply reply, IReadOnlyList<MessagePayload> payloads, CancellationToken cancellationToken)
    {
        string notice;
        try
        {
            var dm = await rest.CreateDmChannelAsync(message.Author.Id, cancellationToken).ConfigureAwait(false);
            await SendAsync(dm.Id, payloads, replyTo: null, cancellationToken).ConfigureAwait(false);
            notice = AdapterTexts.SentByDirectMessage(reply.Language);
        }
        catch (DiscordRestException exception) when (exception.ErrorCode == DiscordErrorCodes.CannotSendMessagesToThisUser || exception.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            LogDirectMessageClosed(logger, message.Id, message.Author.Id);
            notice = AdapterTexts.DirectMessagesClosed(reply.Language);
        }

        await SendAsync(message.ChannelId, [new MessagePayload { Content = notice }], message.Id, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(string channelId, IReadOnlyList<MessagePayload> payloads, string? replyTo, CancellationToken cancellationToken)
    {
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = i == 0 && replyTo is not null ? payloads[i] with { MessageReference = new MessageReference(replyTo) } : payloads[i];
            await rest.CreateMessageAsync(channelId, payload, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Error, Message = "The conversation service failed on Discord message {MessageId} in channel {ChannelId}; an apology was sent instead.")]
    private static partial void LogHandlerFailed(ILogger logger, string messageId, string channelId, Exception exception);

    [LoggerMessage(EventId = 321, Level = LogLevel.Error, Message = "Replying to Discord message {MessageId} in channel {ChannelId} failed.")]
    private static partial void LogReplyFailed(ILogger logger, string messageId, string channelId, Exception exception);

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Discord message {MessageId}: user {UserId} does not accept direct messages; the private reply was not sent.")]
    private static partial void LogDirectMessageClosed(ILogger logger, string messageId, string userId);
}
