using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;

namespace ChatBot.Conversations.Commands;

/// <summary>/rate TITLE STARS: stores or replaces a rating.</summary>
public sealed class RateCommand(TitleResolver titles, RatingActions actions) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["rate"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var text = context.Text;

        string title;
        string? starsText;
        if (command.GetOption("title") is { } titleOption)
        {
            title = RateArguments.TrimTitle(UserText.Clean(titleOption));
            starsText = command.GetOption("stars");
        }
        else
        {
            (title, starsText) = RateArguments.Split(UserText.Clean(command.Arguments));
        }

        if (title.Length == 0 && starsText is null)
        {
            return Task.FromResult(ReplyFactory.Error(text.Get("RateUsage"), text));
        }

        if (starsText is null)
        {
            return Task.FromResult(ReplyFactory.Error(text.Get("RateStarsMissing", title), text));
        }

        var stars = StarParser.Parse(starsText);
        if (RatingActions.StarsError(stars, starsText, text) is { } starsError)
        {
            return Task.FromResult(starsError);
        }

        if (title.Length == 0)
        {
            return Task.FromResult(ReplyFactory.Error(text.Get("TitleMissing", "rate"), text));
        }

        var resolution = titles.Resolve(context, title, "rate", stars.Stars.HalfStars);
        return Task.FromResult(resolution.Movie is { } movie ? actions.Save(context, movie, stars.Stars) : resolution.Reply!);
    }

    /// <summary>Finishes a rating after the person picked one of several movies.</summary>
    public Reply Complete(ConversationContext context, Movie movie, int halfStars) =>
        actions.Save(context, movie, Stars.FromHalfStars(halfStars));
}
