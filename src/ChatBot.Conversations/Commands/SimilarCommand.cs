using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Commands;

/// <summary>/similar TITLE: the movies nearest to one movie, leaving out what the person rated or marked.</summary>
public sealed class SimilarCommand(
    TitleResolver titles,
    IRecommender recommender,
    RecommendationPresenter presenter,
    IOptions<ConversationOptions> options) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["similar"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var title = RateArguments.TrimTitle(UserText.Clean(command.GetOption("title") ?? command.Arguments));
        if (title.Length == 0)
        {
            return Task.FromResult(ReplyFactory.Error(context.Text.Get("SimilarUsage"), context.Text));
        }

        var resolution = titles.Resolve(context, title, "similar", 0);
        return Task.FromResult(resolution.Movie is { } movie ? Complete(context, movie) : resolution.Reply!);
    }

    /// <summary>Lists the movies similar to <paramref name="movie"/>.</summary>
    public Reply Complete(ConversationContext context, Movie movie)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(movie);
        var text = context.Text;
        var exclude = presenter.MarkedBy(context.Person.Id);
        exclude.UnionWith(presenter.RatingsOf(context.Person.Id).Select(r => r.MovieId));
        var results = recommender.Similar(movie.Id, options.Value.RecommendationCount, exclude);
        if (results.Count == 0)
        {
            return ReplyFactory.Message(text.Get("SimilarNone", movie.DisplayTitle), text);
        }

        return new Reply
        {
            Text = text.Get("SimilarHeader", movie.DisplayTitle),
            Language = text.Language,
            Kind = ReplyKind.Recommendations,
            // The header already names the movie they resemble, and the person may not like it, so lines carry no "because you liked" reason.
            Movies = presenter.Lines(context, results.Select(r => r with { BecauseMovieId = null, BecauseStars = null }), popularityReason: false),
            Footer = text.Get("RecommendFooter"),
        };
    }
}
