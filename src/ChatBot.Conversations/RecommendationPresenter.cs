using ChatBot.Conversations.Localization;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Core.Recommendations;

namespace ChatBot.Conversations;

/// <summary>Turns recommender output into reply lines with reasons and buttons.</summary>
public sealed class RecommendationPresenter(IMovieCatalog catalog, IRatingStore ratings)
{
    /// <summary>Returns the person's ratings in the recommender's form.</summary>
    public IReadOnlyList<MovieRating> RatingsOf(long personId) =>
        [.. ratings.GetRatings(personId).Select(r => new MovieRating(r.MovieId, r.Stars.Value))];

    /// <summary>Returns the movies the person marked as seen or not interesting.</summary>
    public HashSet<int> MarkedBy(long personId) => [.. ratings.GetMarks(personId).Select(m => m.MovieId)];

    /// <summary>Returns a localised reason ("because you rated Heat (1995) ★★★★★ 5"), or null.</summary>
    /// <param name="statedOnly">Movies the person liked in conversation but has not rated; their reason says "liked", not "rated".</param>
    public string? Reason(Recommendation recommendation, BotText text, IReadOnlySet<int>? statedOnly = null)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        ArgumentNullException.ThrowIfNull(text);
        if (recommendation.BecauseMovieId is not { } becauseId || catalog.Find(becauseId) is not { } because)
        {
            return null;
        }

        return recommendation.BecauseStars is { } stars && statedOnly?.Contains(becauseId) != true && Stars.TryFromValue(stars, out var parsed)
            ? text.Get("ReasonBecause", because.DisplayTitle, BotText.FormatStars(parsed))
            : text.Get("ReasonLiked", because.DisplayTitle);
    }

    /// <summary>Builds the list lines, remembers them for "rate 2 4.5" follow-ups and as recommended in this turn.</summary>
    public IReadOnlyList<ReplyMovie> Lines(ConversationContext context, IEnumerable<Recommendation> recommendations, bool popularityReason, IReadOnlyCollection<int>? statedOnly = null)
    {
        var stated = statedOnly?.ToHashSet();
        ArgumentNullException.ThrowIfNull(context);
        var lines = new List<ReplyMovie>();
        foreach (var recommendation in recommendations)
        {
            if (catalog.Find(recommendation.MovieId) is not { } movie)
            {
                continue;
            }

            var reason = Reason(recommendation, context.Text, stated) ?? (popularityReason ? context.Text.Get("ReasonPopular") : null);
            lines.Add(ReplyFactory.Recommended(movie, reason, context.Text));
        }

        context.RecommendedMovieIds.AddRange(lines.Select(l => l.MovieId));
        context.State = context.State with { LastListedMovieIds = [.. lines.Select(l => l.MovieId)] };
        return lines;
    }
}
