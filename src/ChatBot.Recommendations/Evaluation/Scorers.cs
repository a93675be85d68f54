using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>The <see cref="ItemScorer"/>s the evaluation compares.</summary>
public static class Scorers
{
    /// <summary>Ranks by rating count in the training data (the usual "most popular" baseline).</summary>
    public static ItemScorer MostRated(int[] itemRatingCounts)
    {
        ArgumentNullException.ThrowIfNull(itemRatingCounts);
        var scores = itemRatingCounts.Select(c => (float)c).ToArray();
        return (_, _, output) => scores.CopyTo(output);
    }

    /// <summary>Ranks by damped mean rating, the order <see cref="Popularity.PopularityRecommender"/> serves.</summary>
    public static ItemScorer DampedMean(RatingMatrix train, double damping)
    {
        ArgumentNullException.ThrowIfNull(train);
        var sums = new double[train.ItemCount];
        var counts = train.ItemRatingCounts();
        for (var k = 0; k < train.Count; k++)
        {
            sums[train.Items[k]] += train.Stars[k];
        }

        var mean = train.MeanStars();
        var scores = new float[train.ItemCount];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)((sums[i] + (damping * mean)) / (counts[i] + damping));
        }

        return (_, _, output) => scores.CopyTo(output);
    }

    public static ItemScorer ItemKnn(ItemKnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (items, _, output) => model.Score(items, output);
    }

    /// <summary>Ranks by EASE score with the model's preference weights, after the popularity penalty with exponent <paramref name="penalty"/>.</summary>
    public static ItemScorer Ease(EaseModel model, double penalty)
    {
        ArgumentNullException.ThrowIfNull(model);
        var local = new float[model.ModelItems.Length];
        return (items, stars, output) =>
        {
            var inputs = new float[items.Length];
            for (var k = 0; k < inputs.Length; k++)
            {
                inputs[k] = model.PreferenceWeight(stars[k]);
            }

            model.Score(items, inputs, local);
            output.Fill(float.NegativeInfinity);
            for (var k = 0; k < local.Length; k++)
            {
                var item = model.ModelItems[k];
                output[item] = PopularityPenalty.Apply(local[k], model.ItemRatingCounts[item], penalty);
            }
        };
    }

    /// <summary>Ranks by the rating model's predicted stars after folding the person in.</summary>
    public static ItemScorer PredictedStars(FactorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (items, stars, output) =>
        {
            var person = model.FoldIn(items, stars);
            for (var item = 0; item < output.Length; item++)
            {
                output[item] = item < model.ItemCount ? (float)model.Predict(person, item) : float.NegativeInfinity;
            }
        };
    }
}
