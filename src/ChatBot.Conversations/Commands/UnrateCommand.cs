using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;

namespace ChatBot.Conversations.Commands;

/// <summary>/unrate TITLE: removes a rating; among similar titles the one the person rated wins.</summary>
public sealed class UnrateCommand(TitleResolver titles, RatingActions actions, IRatingStore ratings) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["unrate"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var title = RateArguments.TrimTitle(UserText.Clean(command.GetOption("title") ?? command.Arguments));
        if (title.Length == 0)
        {
            return Task.FromResult(ReplyFactory.Error(context.Text.Get("UnrateUsage"), context.Text));
        }

        var rated = ratings.GetRatings(context.Person.Id).Select(r => r.MovieId).ToHashSet();
        var resolution = titles.Resolve(context, title, "unrate", 0, movie => rated.Contains(movie.Id));
        return Task.FromResult(resolution.Movie is { } movie ? actions.Remove(context, movie) : resolution.Reply!);
    }
}
