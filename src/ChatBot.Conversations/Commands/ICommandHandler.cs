using ChatBot.Core.Messaging;

namespace ChatBot.Conversations.Commands;

/// <summary>Handles one slash command and its aliases.</summary>
public interface ICommandHandler
{
    /// <summary>Gets the command names this handler answers, lower case, without '/'.</summary>
    IReadOnlyList<string> Names { get; }

    Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken);
}
