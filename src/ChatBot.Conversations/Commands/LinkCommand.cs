using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Commands;

/// <summary>/link gives a one-time code; /link CODE from another account joins both accounts into one person.</summary>
public sealed class LinkCommand(IPersonStore people, IOptions<ConversationOptions> options) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["link"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var text = context.Text;
        var code = (command.GetOption("code") ?? command.Arguments).Trim();
        if (code.Length == 0)
        {
            var minutes = options.Value.LinkCodeMinutes;
            var created = people.CreateLinkCode(context.Person.Id, TimeSpan.FromMinutes(minutes));
            return Task.FromResult(ReplyFactory.Message(text.Get("LinkCreated", created, minutes), text) with { IsPrivate = true });
        }

        var result = people.RedeemLinkCode(code, context.Identity);
        if (result.Status == LinkStatus.Linked && result.PersonId is { } personId && people.Get(personId) is { } merged)
        {
            context.Person = merged;
        }

        var key = result.Status switch
        {
            LinkStatus.Linked => "LinkDone",
            LinkStatus.AlreadyLinked => "LinkAlready",
            LinkStatus.SameIdentity => "LinkSameIdentity",
            LinkStatus.ExpiredCode => "LinkExpired",
            _ => "LinkInvalid",
        };
        var reply = result.Status is LinkStatus.Linked or LinkStatus.AlreadyLinked
            ? ReplyFactory.Message(text.Get(key), text)
            : ReplyFactory.Error(text.Get(key), text);
        return Task.FromResult(reply with { IsPrivate = true });
    }
}
