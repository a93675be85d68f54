using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.Recommendations;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Chat;

/// <summary>Answers free text that names genres with recommendations of those genres, and anything else with a hint.</summary>
public sealed class BasicChatResponder(IRecommender recommender, RecommendationPresenter presenter, IOptions<ConversationOptions> options) : IChatResponder
{
    public Task<Reply> RespondAsync(ConversationContext context, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var genres = GenreVocabulary.FindInText(text);
        if (genres.IsEmpty)
        {
            return Task.FromResult(ReplyFactory.Message(context.Text.Get("ChatNotUnderstood"), context.Text));
        }

        var ratings = presenter.RatingsOf(context.Person.Id);
        var results = recommender.Recommend(new RecommendationQuery
        {
            Ratings = ratings,
            Count = options.Value.RecommendationCount,
            RequiredGenres = genres.Required,
            AnyGenres = genres.Any,
            Exclude = presenter.MarkedBy(context.Person.Id),
        });
        var header = context.Text.Get("RecommendGenreHeader", string.Join(" + ", genres.Required.Concat(genres.Any).Select(context.Text.Genre)));
        return Task.FromResult(new Reply
        {
            Text = header,
            Language = context.Text.Language,
            Kind = ReplyKind.Recommendations,
            Movies = presenter.Lines(context, results, ratings.Count == 0),
            Footer = context.Text.Get("RecommendFooter"),
        });
    }
}
