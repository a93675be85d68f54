using ChatBot.Core.Messaging;

namespace ChatBot.Conversations.Commands;

/// <summary>/help and /start: what the bot does and its commands.</summary>
public sealed class HelpCommand : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["help", "start"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var text = command.Name == "start" ? context.Text.Welcome + "\n\n" + context.Text.Help : context.Text.Help;
        return Task.FromResult(ReplyFactory.Message(text, context.Text));
    }
}
