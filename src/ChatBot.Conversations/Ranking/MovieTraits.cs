using ChatBot.Core.Movies;

namespace ChatBot.Conversations.Ranking;

/// <summary>
/// Per-movie facts the conversation ranker reads for every candidate, derived once from the catalog: a genre
/// bit set, the release year, how many public ratings the movie has overall and recently, and its tags' words.
/// </summary>
internal sealed class MovieTraits
{
    /// <summary>The share of the catalog's ratings, the latest by time, that count as recent.</summary>
    private const double RecentShare = 0.2;

    /// <summary>How many extra ratings at the global mean the damped mean assumes.</summary>
    private const double DampingRatings = 10;

    private readonly Dictionary<int, int> _indexOfMovie;
    private readonly Dictionary<string, int> _genreBit;

    public MovieTraits(IMovieCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var movies = catalog.Movies;
        MovieIds = [.. movies.Select(m => m.Id)];
        _indexOfMovie = new Dictionary<int, int>(movies.Count);
        for (var i = 0; i < movies.Count; i++)
        {
            _indexOfMovie[movies[i].Id] = i;
        }

        // Catalogs have about 20 genres; ones past the 64th are ignored by the genre features.
        _genreBit = catalog.Genres.Take(64).Select((genre, bit) => (genre, bit)).ToDictionary(p => p.genre, p => p.bit, StringComparer.OrdinalIgnoreCase);
        GenreMasks = new ulong[movies.Count];
        GenreNorms = new float[movies.Count];
        Years = new int[movies.Count];
        for (var i = 0; i < movies.Count; i++)
        {
            GenreMasks[i] = MaskOf(movies[i].Genres);
            var genres = System.Numerics.BitOperations.PopCount(GenreMasks[i]);
            GenreNorms[i] = genres == 0 ? 0 : 1f / MathF.Sqrt(genres);
            Years[i] = movies[i].Year ?? 0;
        }

        (LogRatings, LogRecentRatings, DampedMeans) = CountRatings(catalog.Ratings, movies.Count);
        Tags = new TagIndex(movies);
    }

    /// <summary>Gets the index of the movies' public tags.</summary>
    public TagIndex Tags { get; }

    /// <summary>Gets the catalog movie id at each index.</summary>
    public int[] MovieIds { get; }

    /// <summary>Gets each movie's genres as bits (see <see cref="MaskOf"/>).</summary>
    public ulong[] GenreMasks { get; }

    /// <summary>Gets 1/√(genre count) of each movie, the length normaliser of its genre vector; 0 without genres.</summary>
    public float[] GenreNorms { get; }

    /// <summary>Gets each movie's release year, or 0 when unknown.</summary>
    public int[] Years { get; }

    /// <summary>Gets ln(1 + public ratings) of each movie.</summary>
    public float[] LogRatings { get; }

    /// <summary>Gets ln(1 + public ratings in the latest fifth of the catalog's ratings).</summary>
    public float[] LogRecentRatings { get; }

    /// <summary>Gets each movie's mean public rating, damped towards the global mean, in stars.</summary>
    public float[] DampedMeans { get; }

    public int Count => MovieIds.Length;

    /// <summary>Returns the index of a catalog movie, or -1.</summary>
    public int IndexOf(int movieId) => _indexOfMovie.TryGetValue(movieId, out var index) ? index : -1;

    /// <summary>Returns the bit of a genre name, or -1 when the catalog does not have it.</summary>
    public int BitOf(string genre) => _genreBit.TryGetValue(genre, out var bit) ? bit : -1;

    /// <summary>Computes the bit set of the given genre names and returns false when one of them has no bit.</summary>
    public bool TryMaskOf(IEnumerable<string> genres, out ulong mask)
    {
        mask = 0;
        foreach (var genre in genres)
        {
            if (!_genreBit.TryGetValue(genre, out var bit))
            {
                return false;
            }

            mask |= 1UL << bit;
        }

        return true;
    }

    /// <summary>Returns the bit set of the given genre names; unknown names are ignored.</summary>
    public ulong MaskOf(IEnumerable<string> genres)
    {
        ulong mask = 0;
        foreach (var genre in genres)
        {
            if (_genreBit.TryGetValue(genre, out var bit))
            {
                mask |= 1UL << bit;
            }
        }

        return mask;
    }

    private (float[] Log, float[] LogRecent, float[] Damped) CountRatings(RatingTable ratings, int count)
    {
        var all = new int[count];
        var recent = new int[count];
        var sums = new double[count];
        var sorted = ratings.Timestamps.ToArray();
        Array.Sort(sorted);
        var recentFrom = sorted.Length == 0 ? 0 : sorted[(int)(sorted.Length * (1 - RecentShare))];
        double total = 0;
        for (var i = 0; i < ratings.Count; i++)
        {
            total += ratings.Stars[i];
            var index = IndexOf(ratings.MovieIds[i]);
            if (index < 0)
            {
                continue;
            }

            all[index]++;
            sums[index] += ratings.Stars[i];
            if (ratings.Timestamps[i] >= recentFrom)
            {
                recent[index]++;
            }
        }

        var mean = ratings.Count == 0 ? 3.5 : total / ratings.Count;
        return (
            [.. all.Select(n => MathF.Log(1 + n))],
            [.. recent.Select(n => MathF.Log(1 + n))],
            [.. all.Select((n, i) => (float)((sums[i] + (DampingRatings * mean)) / (n + DampingRatings)))]);
    }
}
