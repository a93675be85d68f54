namespace ChatBot.Recommendations.Data;

/// <summary>
/// Ratings in index space (users and items numbered from zero) as coordinate triples sorted by user and
/// then item, with row offsets so that one user's ratings are a contiguous slice (compressed sparse rows).
/// </summary>
public sealed class RatingMatrix
{
    private readonly int[] _userOffsets;

    /// <summary>Creates the matrix; the triples are copied and sorted, and a repeated (user, item) pair keeps its last value.</summary>
    public RatingMatrix(int userCount, int itemCount, ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<float> stars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userCount);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        if (items.Length != users.Length || stars.Length != users.Length)
        {
            throw new ArgumentException("Users, items and stars must have the same length.");
        }

        UserCount = userCount;
        ItemCount = itemCount;
        var order = new int[users.Length];
        var keys = new long[users.Length];
        for (var k = 0; k < users.Length; k++)
        {
            if ((uint)users[k] >= (uint)userCount || (uint)items[k] >= (uint)itemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(users), $"Rating {k} has user {users[k]} or item {items[k]} outside {userCount} users and {itemCount} items.");
            }

            order[k] = k;
            keys[k] = ((long)users[k] * itemCount) + items[k];
        }

        // A stable sort keeps repeated pairs in input order, so the last one can win below.
        var sortedKeys = keys.ToArray();
        Array.Sort(sortedKeys, order);
        StableFix(sortedKeys, order);

        var userList = new List<int>(users.Length);
        var itemList = new List<int>(users.Length);
        var starList = new List<float>(users.Length);
        for (var k = 0; k < order.Length; k++)
        {
            var source = order[k];
            if (k + 1 < order.Length && sortedKeys[k + 1] == sortedKeys[k])
            {
                continue;
            }

            userList.Add(users[source]);
            itemList.Add(items[source]);
            starList.Add(stars[source]);
        }

        Users = [.. userList];
        Items = [.. itemList];
        Stars = [.. starList];
        _userOffsets = new int[userCount + 1];
        foreach (var user in Users)
        {
            _userOffsets[user + 1]++;
        }

        for (var u = 0; u < userCount; u++)
        {
            _userOffsets[u + 1] += _userOffsets[u];
        }
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    public int Count => Users.Length;

    public int[] Users { get; }

    public int[] Items { get; }

    public float[] Stars { get; }

    /// <summary>Returns the items a user rated, ascending.</summary>
    public ReadOnlySpan<int> ItemsOf(int user) => Items.AsSpan(_userOffsets[user], _userOffsets[user + 1] - _userOffsets[user]);

    /// <summary>Returns a user's stars, in the order of <see cref="ItemsOf"/>.</summary>
    public ReadOnlySpan<float> StarsOf(int user) => Stars.AsSpan(_userOffsets[user], _userOffsets[user + 1] - _userOffsets[user]);

    public int CountOf(int user) => _userOffsets[user + 1] - _userOffsets[user];

    /// <summary>Returns how many ratings each item has.</summary>
    public int[] ItemRatingCounts()
    {
        var counts = new int[ItemCount];
        foreach (var item in Items)
        {
            counts[item]++;
        }

        return counts;
    }

    public double MeanStars()
    {
        double sum = 0;
        foreach (var star in Stars)
        {
            sum += star;
        }

        return Count > 0 ? sum / Count : 0;
    }

    /// <summary>Returns the ratings whose positions <paramref name="keep"/> accepts, in the same index space.</summary>
    public RatingMatrix Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var users = new List<int>();
        var items = new List<int>();
        var stars = new List<float>();
        for (var k = 0; k < Count; k++)
        {
            if (keep(k))
            {
                users.Add(Users[k]);
                items.Add(Items[k]);
                stars.Add(Stars[k]);
            }
        }

        return new RatingMatrix(UserCount, ItemCount, users.ToArray(), items.ToArray(), stars.ToArray());
    }

    /// <summary>Array.Sort is not stable; this restores input order within runs of equal keys.</summary>
    private static void StableFix(long[] sortedKeys, int[] order)
    {
        var start = 0;
        for (var k = 1; k <= sortedKeys.Length; k++)
        {
            if (k == sortedKeys.Length || sortedKeys[k] != sortedKeys[start])
            {
                if (k - start > 1)
                {
                    Array.Sort(order, start, k - start);
                }

                start = k;
            }
        }
    }
}
