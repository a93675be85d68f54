using ChatBot.Core.Messaging;

namespace ChatBot.Conversations.Chat;

/// <summary>Answers free text that is neither a command nor an answer to a pending question.</summary>
public interface IChatResponder
{
    Task<Reply> RespondAsync(ConversationContext context, string text, CancellationToken cancellationToken);
}
