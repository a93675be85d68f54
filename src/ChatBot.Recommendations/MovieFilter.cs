using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;

namespace ChatBot.Recommendations;

/// <summary>The genre and year filters of a <see cref="RecommendationQuery"/>.</summary>
public sealed class MovieFilter(RecommendationQuery query)
{
    public bool Accepts(Movie movie)
    {
        ArgumentNullException.ThrowIfNull(movie);
        if (query.RequiredGenres.Any(g => !movie.HasGenre(g)))
        {
            return false;
        }

        if (query.AnyGenres.Count > 0 && !query.AnyGenres.Any(movie.HasGenre))
        {
            return false;
        }

        if (query.ExcludedGenres.Any(movie.HasGenre))
        {
            return false;
        }

        if (query.YearFrom is { } from && (movie.Year is null || movie.Year < from))
        {
            return false;
        }

        return query.YearTo is not { } to || (movie.Year is not null && movie.Year <= to);
    }
}
