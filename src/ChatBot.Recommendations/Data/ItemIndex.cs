namespace ChatBot.Recommendations.Data;

/// <summary>A dense numbering of movies: the model's item index 0..Count-1 for each catalog movie id.</summary>
public sealed class ItemIndex
{
    private readonly Dictionary<int, int> _indexByMovieId;

    public ItemIndex(IReadOnlyList<int> movieIds)
    {
        ArgumentNullException.ThrowIfNull(movieIds);
        MovieIds = [.. movieIds];
        _indexByMovieId = new Dictionary<int, int>(MovieIds.Length);
        for (var i = 0; i < MovieIds.Length; i++)
        {
            if (!_indexByMovieId.TryAdd(MovieIds[i], i))
            {
                throw new ArgumentException($"Movie id {MovieIds[i]} appears twice in the item index.", nameof(movieIds));
            }
        }
    }

    /// <summary>Gets the movie id of each item index.</summary>
    public int[] MovieIds { get; }

    public int Count => MovieIds.Length;

    /// <summary>Returns the item index of a movie, or -1 when the movie is not in the index.</summary>
    public int IndexOf(int movieId) => _indexByMovieId.GetValueOrDefault(movieId, -1);

    public bool Contains(int movieId) => _indexByMovieId.ContainsKey(movieId);
}
