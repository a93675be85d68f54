namespace ChatBot.Core.Movies;

/// <summary>The loaded movie catalog: movies, genres and the public ratings that came with them.</summary>
public interface IMovieCatalog
{
    /// <summary>Gets the catalog's name, such as "ml-latest-small".</summary>
    string Name { get; }

    /// <summary>Gets every movie, ordered by id.</summary>
    IReadOnlyList<Movie> Movies { get; }

    /// <summary>Gets the genre names that occur in the catalog, sorted.</summary>
    IReadOnlyList<string> Genres { get; }

    /// <summary>Gets the public ratings that were imported with the catalog.</summary>
    RatingTable Ratings { get; }

    /// <summary>Returns the movie with this id, or null.</summary>
    Movie? Find(int movieId);

    /// <summary>Returns how many public ratings the movie has; used to prefer better-known movies.</summary>
    int RatingCount(int movieId);
}
