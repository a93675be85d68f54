using ChatBot.Recommendations.Data;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>One person to rank for: the ratings the ranker may read and the held-out items that count as hits.</summary>
/// <param name="User">The user index in the training matrix.</param>
/// <param name="InputItems">Item indices of the ratings the ranker reads.</param>
/// <param name="InputStars">Stars of <paramref name="InputItems"/>.</param>
/// <param name="Relevant">Held-out items rated at or above the relevance threshold.</param>
/// <param name="HeldOutItems">Every held-out item with its stars (relevant or not).</param>
/// <param name="HeldOutStars">Stars of <paramref name="HeldOutItems"/>.</param>
public sealed record TopNCase(int User, int[] InputItems, float[] InputStars, IReadOnlySet<int> Relevant, int[] HeldOutItems, float[] HeldOutStars);

/// <summary>A top-N split: the training matrix and the people to rank for.</summary>
public sealed record TopNSplit(RatingMatrix Train, IReadOnlyList<TopNCase> Cases)
{
    /// <summary>Stars at or above this count as relevant.</summary>
    public const float RelevantStars = 4;

    /// <summary>
    /// Holds out a random <paramref name="testFraction"/> of each user's ratings (at least one when the user has two
    /// or more); the rest is training data and also the user's input.
    /// </summary>
    public static TopNSplit PerUser(RatingMatrix all, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(all);
        var random = new Random(seed);
        var keep = new bool[all.Count];
        var cases = new List<TopNCase>();
        var offset = 0;
        for (var user = 0; user < all.UserCount; user++)
        {
            var count = all.CountOf(user);
            var heldOut = HeldOutPositions(count, testFraction, random);
            for (var k = 0; k < count; k++)
            {
                keep[offset + k] = !heldOut.Contains(k);
            }

            var testCase = CreateCase(all, user, heldOut, user);
            if (testCase.Relevant.Count > 0)
            {
                cases.Add(testCase);
            }

            offset += count;
        }

        return new TopNSplit(all.Where(k => keep[k]), cases);
    }

    /// <summary>
    /// Holds out a random <paramref name="userFraction"/> of users entirely (strong generalisation). Returns the
    /// matrix without them, the matrix with their input part added (for comparison as if they had been trained
    /// on), and one case per held-out user whose input is the other <c>1 − testFraction</c> of their ratings.
    /// </summary>
    public static (RatingMatrix Without, RatingMatrix With, IReadOnlyList<TopNCase> Cases) HeldOutUsers(
        RatingMatrix all, double userFraction, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(all);
        var random = new Random(seed);
        var users = Enumerable.Range(0, all.UserCount).Where(u => all.CountOf(u) > 0).ToArray();
        random.Shuffle(users);
        var heldOutUsers = users.Take((int)Math.Round(users.Length * userFraction)).Order().ToHashSet();

        var position = new int[all.UserCount + 1];
        for (var user = 0; user < all.UserCount; user++)
        {
            position[user + 1] = position[user] + all.CountOf(user);
        }

        var inputPart = new bool[all.Count];
        var cases = new List<TopNCase>();
        foreach (var user in heldOutUsers)
        {
            var count = all.CountOf(user);
            var heldOut = HeldOutPositions(count, testFraction, random);
            for (var k = 0; k < count; k++)
            {
                inputPart[position[user] + k] = !heldOut.Contains(k);
            }

            var testCase = CreateCase(all, user, heldOut, user);
            if (testCase.Relevant.Count > 0)
            {
                cases.Add(testCase);
            }
        }

        var without = all.Where(k => !heldOutUsers.Contains(all.Users[k]));
        var with = all.Where(k => !heldOutUsers.Contains(all.Users[k]) || inputPart[k]);
        return (without, with, cases);
    }

    private static HashSet<int> HeldOutPositions(int count, double testFraction, Random random)
    {
        var positions = Enumerable.Range(0, count).ToArray();
        random.Shuffle(positions);
        var heldOut = count < 2 ? 0 : Math.Max(1, (int)Math.Round(count * testFraction));
        return [.. positions.Take(heldOut)];
    }

    private static TopNCase CreateCase(RatingMatrix all, int user, HashSet<int> heldOut, int caseUser)
    {
        var items = all.ItemsOf(user);
        var stars = all.StarsOf(user);
        var inputItems = new List<int>();
        var inputStars = new List<float>();
        var heldItems = new List<int>();
        var heldStars = new List<float>();
        var relevant = new HashSet<int>();
        for (var k = 0; k < items.Length; k++)
        {
            if (heldOut.Contains(k))
            {
                heldItems.Add(items[k]);
                heldStars.Add(stars[k]);
                if (stars[k] >= RelevantStars)
                {
                    relevant.Add(items[k]);
                }
            }
            else
            {
                inputItems.Add(items[k]);
                inputStars.Add(stars[k]);
            }
        }

        return new TopNCase(caseUser, [.. inputItems], [.. inputStars], relevant, [.. heldItems], [.. heldStars]);
    }
}
