using ChatBot.Core.Conversations;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Commands;

/// <summary>/forget: after a yes, deletes the person with every rating, mark, identity and memory.</summary>
public sealed class ForgetCommand(IPersonStore people, IRatingStore ratings, IOptions<ConversationOptions> options) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["forget"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = ratings.GetRatings(context.Person.Id).Count;
        context.State = context.State with
        {
            Pending = new PendingQuestion(PendingKind.ConfirmForget, "forget", [], [], context.Now.AddMinutes(options.Value.PendingQuestionMinutes)),
        };
        return Task.FromResult(new Reply
        {
            Text = context.Text.Get("ForgetConfirm", count),
            Language = context.Text.Language,
            Kind = ReplyKind.Question,
            Actions = ReplyFactory.YesNo(context.Text),
            IsPrivate = true,
        });
    }

    /// <summary>Carries out the confirmed deletion.</summary>
    public Reply Confirm(ConversationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        people.Forget(context.Person.Id);
        context.PersonForgotten = true;
        return ReplyFactory.Message(context.Text.Get("ForgetDone"), context.Text) with { IsPrivate = true };
    }
}
