using System.Globalization;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Channels.Telegram.Receiving;

/// <summary>
/// Converts Telegram messages and button presses into <see cref="IncomingMessage"/>. In private
/// chats every text message counts; in groups only commands for this bot, messages that mention
/// it and replies to its messages do.
/// </summary>
internal static class UpdateConverter
{
    /// <summary>Converts a message, or returns null when the bot should not react to it.</summary>
    public static IncomingMessage? FromMessage(Message message, BotIdentity bot)
    {
        if (message.From is not { IsBot: false } from || message.Text is not { } text)
        {
            return null;
        }

        var isPrivate = message.Chat.Type == ChatType.Private;
        var command = ParseCommand(message, text, bot, out var commandForOtherBot);
        if (commandForOtherBot)
        {
            return null;
        }

        if (!isPrivate && command is null)
        {
            var repliesToBot = message.ReplyToMessage?.From?.Id == bot.Id;
            if (!MentionsBot(message, text, bot) && !repliesToBot)
            {
                return null;
            }

            text = RemoveMentions(message, text, bot);
        }

        return new IncomingMessage
        {
            Platform = Platforms.Telegram,
            PlatformUserId = from.Id.ToString(CultureInfo.InvariantCulture),
            ConversationId = message.Chat.Id.ToString(CultureInfo.InvariantCulture),
            Locale = from.LanguageCode,
            Text = text,
            Command = command,
            MessageId = message.Id.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Converts a button press; the payload is passed on as it came and validated by the conversation service.</summary>
    public static IncomingMessage FromCallback(CallbackQuery query)
    {
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        return new IncomingMessage
        {
            Platform = Platforms.Telegram,
            PlatformUserId = query.From.Id.ToString(CultureInfo.InvariantCulture),
            ConversationId = chatId.ToString(CultureInfo.InvariantCulture),
            Locale = query.From.LanguageCode,
            ActionPayload = query.Data,
            MessageId = query.Id,
        };
    }

    /// <summary>
    /// Parses a leading bot_command entity ("/rate@MovieBot Heat 5"). A command addressed to
    /// another bot sets <paramref name="forOtherBot"/>.
    /// </summary>
    internal static CommandInvocation? ParseCommand(Message message, string text, BotIdentity bot, out bool forOtherBot)
    {
        forOtherBot = false;
        var entity = message.Entities?.FirstOrDefault(e => e.Type == MessageEntityType.BotCommand && e.Offset == 0);
        if (entity is null || entity.Length < 2 || entity.Length > text.Length)
        {
            return null;
        }

        var token = text[1..entity.Length];
        var at = token.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var target = token[(at + 1)..];
            if (!string.Equals(target, bot.Username, StringComparison.OrdinalIgnoreCase))
            {
                forOtherBot = true;
                return null;
            }

            token = token[..at];
        }

        var arguments = text[entity.Length..].Trim();
        return new CommandInvocation(token.ToLowerInvariant(), arguments);
    }

    private static bool MentionsBot(Message message, string text, BotIdentity bot) =>
        message.Entities?.Any(entity => IsMentionOfBot(entity, text, bot)) == true;

    private static bool IsMentionOfBot(MessageEntity entity, string text, BotIdentity bot) => entity.Type switch
    {
        MessageEntityType.Mention => entity.Offset >= 0 && entity.Offset + entity.Length <= text.Length
            && string.Equals(text.Substring(entity.Offset, entity.Length), "@" + bot.Username, StringComparison.OrdinalIgnoreCase),
        MessageEntityType.TextMention => entity.User?.Id == bot.Id,
        _ => false,
    };

    private static string RemoveMentions(Message message, string text, BotIdentity bot)
    {
        var mentions = message.Entities?
            .Where(entity => entity.Type == MessageEntityType.Mention && IsMentionOfBot(entity, text, bot))
            .OrderByDescending(entity => entity.Offset)
            .ToList() ?? [];
        foreach (var mention in mentions)
        {
            text = text.Remove(mention.Offset, mention.Length);
        }

        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
