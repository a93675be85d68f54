using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Commands;

/// <summary>/recommend [GENRE]: the recommender's top movies for the person, none rated or marked.</summary>
public sealed class RecommendCommand(
    IRecommender recommender,
    IMovieCatalog catalog,
    RecommendationPresenter presenter,
    IOptions<ConversationOptions> options) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["recommend"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var text = context.Text;
        var argument = UserText.Clean(command.GetOption("genre") ?? command.Arguments);
        if (!GenreVocabulary.TryParseArgument(argument, catalog.Genres, out var genres))
        {
            var known = string.Join(", ", catalog.Genres.Select(text.Genre));
            return Task.FromResult(ReplyFactory.Error(text.Get("RecommendUnknownGenre", UserText.Quote(argument, 40), known), text));
        }

        var personRatings = presenter.RatingsOf(context.Person.Id);
        var results = recommender.Recommend(new RecommendationQuery
        {
            IncludePredictedStars = false,
            Ratings = personRatings,
            Count = options.Value.RecommendationCount,
            RequiredGenres = genres.Required,
            AnyGenres = genres.Any,
            Exclude = presenter.MarkedBy(context.Person.Id),
        });

        if (results.Count == 0)
        {
            return Task.FromResult(ReplyFactory.Message(text.Get("RecommendNoResults"), text));
        }

        var coldStart = personRatings.Count == 0;

        // Until a trained model serves, the recommender falls back to popularity, which ignores the ratings.
        var notPersonal = !coldStart && recommender.Name == "popularity";
        var header = genres.IsEmpty
            ? text.Get("RecommendHeader")
            : text.Get("RecommendGenreHeader", string.Join(" + ", genres.Required.Concat(genres.Any).Select(text.Genre)));
        string? note = null;
        if (coldStart)
        {
            note = text.Get("RecommendColdStart");
        }
        else if (notPersonal)
        {
            note = text.Get("RecommendNotPersonal");
        }

        return Task.FromResult(new Reply
        {
            Text = note is null ? header : note + "\n" + header,
            Language = text.Language,
            Kind = ReplyKind.Recommendations,
            Movies = presenter.Lines(context, results, coldStart || notPersonal),
            Footer = text.Get("RecommendFooter"),
        });
    }
}
