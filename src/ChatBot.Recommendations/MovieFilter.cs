using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;

namespace ChatBot.Recommendations;

/// <summary>The genre and year filters of a <see cref="RecommendationQuery"/>.</summary>
public sealed class MovieFilter(RecommendationQuery query)
{
    public bool Accepts(Movie movie) => query.Accepts(movie);
}
