namespace ChatBot.Core.Movies;

/// <summary>
/// Ratings in columnar form (structure of arrays), the shape training and evaluation read.
/// User ids are the dataset's own; stars run from 0.5 to 5.
/// </summary>
public sealed class RatingTable
{
    public RatingTable(int[] userIds, int[] movieIds, float[] stars, long[] timestamps)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentNullException.ThrowIfNull(stars);
        ArgumentNullException.ThrowIfNull(timestamps);
        if (movieIds.Length != userIds.Length || stars.Length != userIds.Length || timestamps.Length != userIds.Length)
        {
            throw new ArgumentException("All rating columns must have the same length.");
        }

        UserIds = userIds;
        MovieIds = movieIds;
        Stars = stars;
        Timestamps = timestamps;
    }

    public static RatingTable Empty { get; } = new([], [], [], []);

    public int[] UserIds { get; }

    public int[] MovieIds { get; }

    public float[] Stars { get; }

    /// <summary>Gets Unix times in seconds.</summary>
    public long[] Timestamps { get; }

    public int Count => UserIds.Length;
}
