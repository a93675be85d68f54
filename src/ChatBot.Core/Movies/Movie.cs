namespace ChatBot.Core.Movies;

/// <summary>A catalog movie as MovieLens describes it, with its title already parsed.</summary>
/// <param name="Id">The catalog's own movie id (MovieLens movieId).</param>
/// <param name="Title">The main title with any trailing article moved to the front ("The Matrix").</param>
/// <param name="Year">The release year, or null when the catalog row has none.</param>
/// <param name="AlternateTitles">Original-language and "a.k.a." titles, articles moved to the front.</param>
/// <param name="Genres">MovieLens genre names ("Comedy", "Sci-Fi"); empty when the row lists none.</param>
/// <param name="RawTitle">The title exactly as the catalog file spells it.</param>
public sealed record Movie(
    int Id,
    string Title,
    int? Year,
    IReadOnlyList<string> AlternateTitles,
    IReadOnlyList<string> Genres,
    string RawTitle)
{
    /// <summary>Gets the IMDb id without the "tt" prefix, when the catalog links one.</summary>
    public string? ImdbId { get; init; }

    /// <summary>Gets the TMDB id, when the catalog links one.</summary>
    public int? TmdbId { get; init; }

    /// <summary>
    /// Gets the free-text tags people gave the movie (MovieLens tags.csv), each once ignoring case, most used
    /// first; empty when the catalog has no tags.
    /// </summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the title as the bot shows it: "The Matrix (1999)".</summary>
    public string DisplayTitle => Year is { } year ? $"{Title} ({year})" : Title;

    public bool HasGenre(string genre)
    {
        for (var i = 0; i < Genres.Count; i++)
        {
            if (string.Equals(Genres[i], genre, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => DisplayTitle;
}
