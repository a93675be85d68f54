using System.Numerics.Tensors;

namespace ChatBot.Recommendations.Ranking;

/// <summary>
/// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a dense item-to-item weight
/// matrix B with a zero diagonal, fitted in closed form. A person's score for item i is Σ_j x_j·B[j, i] over the
/// items j they rated, where x_j is the preference weight of their rating. So a person who was not in training
/// needs no fold-in step beyond reading their ratings.
/// </summary>
public sealed class EaseModel
{
    private readonly int[] _localOfItem;

    /// <param name="itemCount">Items in the full item index.</param>
    /// <param name="modelItems">The item index of each model row and column, in model order.</param>
    /// <param name="weights">B, row-major, modelItems.Length squared.</param>
    /// <param name="itemRatingCounts">Ratings per item of the full index, used by the popularity penalty.</param>
    /// <param name="ratingWeightExponent">The exponent p of the preference weight (stars / 5)^p.</param>
    public EaseModel(int itemCount, int[] modelItems, float[] weights, int[] itemRatingCounts, double ratingWeightExponent)
    {
        ArgumentNullException.ThrowIfNull(modelItems);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(itemRatingCounts);
        if (weights.Length != modelItems.Length * modelItems.Length)
        {
            throw new ArgumentException($"The weights must be {modelItems.Length}² values.", nameof(weights));
        }

        if (itemRatingCounts.Length != itemCount)
        {
            throw new ArgumentException($"Rating counts must cover all {itemCount} items.", nameof(itemRatingCounts));
        }

        ItemCount = itemCount;
        ModelItems = modelItems;
        Weights = weights;
        ItemRatingCounts = itemRatingCounts;
        RatingWeightExponent = ratingWeightExponent;
        _localOfItem = new int[itemCount];
        Array.Fill(_localOfItem, -1);
        for (var local = 0; local < modelItems.Length; local++)
        {
            if ((uint)modelItems[local] >= (uint)itemCount || _localOfItem[modelItems[local]] >= 0)
            {
                throw new ArgumentException($"Model item {modelItems[local]} is outside the {itemCount} items or repeated.", nameof(modelItems));
            }

            _localOfItem[modelItems[local]] = local;
        }
    }

    public int ItemCount { get; }

    /// <summary>Gets the item index of each model row and column.</summary>
    public int[] ModelItems { get; }

    /// <summary>Gets B, row-major: row j is what an input on item j adds to each model item's score.</summary>
    public float[] Weights { get; }

    /// <summary>Gets the ratings per item of the full index in the training data.</summary>
    public int[] ItemRatingCounts { get; }

    /// <summary>Gets the exponent p of the preference weight (stars / 5)^p; 0 means every rating weighs 1.</summary>
    public double RatingWeightExponent { get; }

    /// <summary>Returns the preference weight (stars / 5)^p of one rating; p = 0 gives 1 for every rating.</summary>
    public static float PreferenceWeight(float stars, double exponent) =>
        exponent == 0 ? 1f : (float)Math.Pow(Math.Max(stars, 0) / 5.0, exponent);

    /// <summary>Returns the preference weight of one rating under this model's exponent.</summary>
    public float PreferenceWeight(float stars) => PreferenceWeight(stars, RatingWeightExponent);

    /// <summary>Returns whether the model can score the item.</summary>
    public bool Contains(int item) => (uint)item < (uint)ItemCount && _localOfItem[item] >= 0;

    /// <summary>Returns one row of B: what an input on <paramref name="item"/> adds to each model item (in model order).</summary>
    public ReadOnlySpan<float> Row(int item) => Weights.AsSpan(_localOfItem[item] * ModelItems.Length, ModelItems.Length);

    /// <summary>
    /// Scores every model item for a person from raw input weights x_j (see <see cref="PreferenceWeight(float)"/>).
    /// <paramref name="scores"/> is indexed in model order; inputs on items outside the model are ignored.
    /// </summary>
    public void Score(ReadOnlySpan<int> items, ReadOnlySpan<float> inputs, Span<float> scores)
    {
        if (scores.Length != ModelItems.Length)
        {
            throw new ArgumentException($"The score buffer must hold {ModelItems.Length} values.", nameof(scores));
        }

        scores.Clear();
        for (var k = 0; k < items.Length; k++)
        {
            if (!Contains(items[k]) || inputs[k] == 0)
            {
                continue;
            }

            var row = Row(items[k]);
            if (inputs[k] == 1)
            {
                TensorPrimitives.Add(scores, row, scores);
            }
            else
            {
                TensorPrimitives.MultiplyAdd(row, inputs[k], scores, scores);
            }
        }
    }

    /// <summary>Returns the model-order position of an item, or -1.</summary>
    public int LocalIndexOf(int item) => (uint)item < (uint)ItemCount ? _localOfItem[item] : -1;
}
