using ChatBot.Conversations.Localization;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;

namespace ChatBot.Conversations.Commands;

/// <summary>/language en|zh|auto: overrides the platform locale for this person.</summary>
public sealed class LanguageCommand(IPersonStore people) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["language", "lang"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var choice = BotLanguage.Parse(command.GetOption("language") ?? command.Arguments);
        if (choice is null)
        {
            return Task.FromResult(ReplyFactory.Error(context.Text.Get("LanguageUsage"), context.Text));
        }

        var stored = choice == "auto" ? null : choice;
        people.SetLanguage(context.Person.Id, stored);
        context.Person = context.Person with { Language = stored };
        context.Text = BotText.For(stored ?? BotLanguage.FromLocale(context.Message.Locale));
        return Task.FromResult(ReplyFactory.Message(context.Text.Get(stored is null ? "LanguageAuto" : "LanguageSet"), context.Text));
    }
}
