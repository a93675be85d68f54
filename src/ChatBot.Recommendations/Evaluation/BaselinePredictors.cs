using ChatBot.Recommendations.Data;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>Rating-prediction baselines that need no training beyond counting.</summary>
public static class BaselinePredictors
{
    /// <summary>Returns a predictor of the global mean rating.</summary>
    public static Func<int, int, double> GlobalMean(RatingMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var mean = train.MeanStars();
        return (_, _) => mean;
    }

    /// <summary>Returns a predictor of the item's mean rating (the global mean for an item without ratings or outside the index).</summary>
    public static Func<int, int, double> ItemMean(RatingMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var mean = train.MeanStars();
        var sums = new double[train.ItemCount];
        var counts = train.ItemRatingCounts();
        for (var k = 0; k < train.Count; k++)
        {
            sums[train.Items[k]] += train.Stars[k];
        }

        return (_, item) => item >= 0 && counts[item] > 0 ? sums[item] / counts[item] : mean;
    }

    /// <summary>
    /// Returns the damped baseline μ + b_i + b_u, with b_i = Σ(r − μ) / (n_i + <paramref name="itemDamping"/>) and
    /// b_u = Σ(r − μ − b_i) / (n_u + <paramref name="userDamping"/>), clamped to the training star range.
    /// </summary>
    public static Func<int, int, double> DampedBaseline(RatingMatrix train, double itemDamping, double userDamping)
    {
        ArgumentNullException.ThrowIfNull(train);
        var mean = train.MeanStars();
        var itemSums = new double[train.ItemCount];
        var counts = train.ItemRatingCounts();
        for (var k = 0; k < train.Count; k++)
        {
            itemSums[train.Items[k]] += train.Stars[k] - mean;
        }

        var itemBias = new double[train.ItemCount];
        for (var i = 0; i < itemBias.Length; i++)
        {
            itemBias[i] = itemSums[i] / (counts[i] + itemDamping);
        }

        var userBias = new double[train.UserCount];
        for (var user = 0; user < train.UserCount; user++)
        {
            var items = train.ItemsOf(user);
            var stars = train.StarsOf(user);
            double sum = 0;
            for (var k = 0; k < items.Length; k++)
            {
                sum += stars[k] - mean - itemBias[items[k]];
            }

            userBias[user] = sum / (items.Length + userDamping);
        }

        var min = train.Count > 0 ? train.Stars.Min() : 0;
        var max = train.Count > 0 ? train.Stars.Max() : 5;
        return (user, item) => Math.Clamp(mean + (item >= 0 ? itemBias[item] : 0) + (user < userBias.Length ? userBias[user] : 0), min, max);
    }
}
