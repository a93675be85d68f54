using ChatBot.Recommendations.Data;

namespace ChatBot.Recommendations.Tests;

/// <summary>Ratings generated from known low-rank structure: stars = 3 + b_u + b_i + p_u·q_i + noise.</summary>
internal static class SyntheticRatings
{
    /// <summary>Returns every (user, item) rating of a rank-<paramref name="rank"/> matrix with Gaussian noise of <paramref name="noise"/> stars.</summary>
    public static (int[] Users, int[] Items, float[] Stars) Full(int users, int items, int rank, double noise, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var userFactors = Enumerable.Range(0, users * rank).Select(_ => Normal() * 0.7).ToArray();
        var itemFactors = Enumerable.Range(0, items * rank).Select(_ => Normal() * 0.7).ToArray();
        var userBias = Enumerable.Range(0, users).Select(_ => Normal() * 0.3).ToArray();
        var itemBias = Enumerable.Range(0, items).Select(_ => Normal() * 0.3).ToArray();
        var u = new List<int>();
        var i = new List<int>();
        var s = new List<float>();
        for (var user = 0; user < users; user++)
        {
            for (var item = 0; item < items; item++)
            {
                var value = 3 + userBias[user] + itemBias[item] + (noise * Normal());
                for (var f = 0; f < rank; f++)
                {
                    value += userFactors[(user * rank) + f] * itemFactors[(item * rank) + f];
                }

                u.Add(user);
                i.Add(item);
                s.Add((float)value);
            }
        }

        return ([.. u], [.. i], [.. s]);
    }

    /// <summary>Splits a full matrix at random into observed training ratings and held-out ratings.</summary>
    public static (RatingMatrix Train, RatingMatrix Test) Split(int users, int items, (int[] Users, int[] Items, float[] Stars) all, double observed, int seed)
    {
        var random = new Random(seed);
        var keep = all.Users.Select(_ => random.NextDouble() < observed).ToArray();
        var matrix = new RatingMatrix(users, items, all.Users, all.Items, all.Stars);
        var byKey = new Dictionary<(int, int), bool>();
        for (var k = 0; k < all.Users.Length; k++)
        {
            byKey[(all.Users[k], all.Items[k])] = keep[k];
        }

        return (matrix.Where(k => byKey[(matrix.Users[k], matrix.Items[k])]), matrix.Where(k => !byKey[(matrix.Users[k], matrix.Items[k])]));
    }
}
