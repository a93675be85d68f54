namespace ChatBot.Recommendations.Factorization;

/// <summary>
/// One retained draw of the item side of a biased factor model. Row i of <see cref="ItemParameters"/> is
/// [b_i, q_i1 .. q_ik]; a person's row [b_u, p_u1 .. p_uk] has the Gaussian prior given by
/// <see cref="UserPriorMean"/> and <see cref="UserPriorPrecision"/> (diagonal), and ratings have noise
/// precision <see cref="NoisePrecision"/> (1 / variance, in 1 / stars²) times the item's
/// <see cref="ItemNoiseScale"/> (all ones unless the model was trained with Student-t noise).
/// </summary>
public sealed record FactorSample(float[] ItemParameters, float[] UserPriorMean, float[] UserPriorPrecision, float NoisePrecision, float[] ItemNoiseScale);

/// <summary>
/// A trained biased matrix factorisation that predicts stars: r̂ = μ + b_u + b_i + p_u·q_i, averaged over
/// the retained posterior samples (one sample for a point estimate). Only item parameters are kept, so
/// every person, trained or not, is folded in from their own ratings when a prediction is made.
/// </summary>
public sealed class FactorModel
{
    public FactorModel(int itemCount, int factors, float globalMean, float minStars, float maxStars, IReadOnlyList<FactorSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(factors, 1);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A factor model needs at least one sample.", nameof(samples));
        }

        var width = factors + 1;
        foreach (var sample in samples)
        {
            if (sample.ItemParameters.Length != itemCount * width
                || sample.UserPriorMean.Length != width
                || sample.UserPriorPrecision.Length != width
                || sample.ItemNoiseScale.Length != itemCount)
            {
                throw new ArgumentException($"A sample does not match {itemCount} items with {factors} factors.", nameof(samples));
            }
        }

        ItemCount = itemCount;
        Factors = factors;
        GlobalMean = globalMean;
        MinStars = minStars;
        MaxStars = maxStars;
        Samples = samples;
    }

    public int ItemCount { get; }

    public int Factors { get; }

    /// <summary>Gets μ, the mean of the training ratings, in stars.</summary>
    public float GlobalMean { get; }

    /// <summary>Gets the lowest training rating; predictions are clamped to it.</summary>
    public float MinStars { get; }

    /// <summary>Gets the highest training rating; predictions are clamped to it.</summary>
    public float MaxStars { get; }

    public IReadOnlyList<FactorSample> Samples { get; }

    /// <summary>Gets the length of one parameter row: the bias and the factors.</summary>
    public int Width => Factors + 1;

    /// <summary>
    /// Folds a person in: for each sample, the posterior mean of their row given their ratings, the
    /// sample's item rows and its prior (regularised least squares with biases, solved in closed form).
    /// </summary>
    /// <param name="items">Item indices of the person's ratings; indices outside the model are skipped.</param>
    /// <param name="stars">The person's stars for <paramref name="items"/>.</param>
    public PersonFactors FoldIn(ReadOnlySpan<int> items, ReadOnlySpan<float> stars)
    {
        if (items.Length != stars.Length)
        {
            throw new ArgumentException("Items and stars must have the same length.", nameof(stars));
        }

        var width = Width;
        var rows = new float[Samples.Count * width];
        var precision = new double[width * width];
        var rhs = new double[width];
        for (var s = 0; s < Samples.Count; s++)
        {
            var sample = Samples[s];
            Array.Clear(precision);
            for (var a = 0; a < width; a++)
            {
                precision[(a * width) + a] = sample.UserPriorPrecision[a];
                rhs[a] = sample.UserPriorPrecision[a] * sample.UserPriorMean[a];
            }

            AccumulateNormalEquations(sample, items, stars, precision, rhs);
            CholeskySolve(precision, rhs, width);
            for (var a = 0; a < width; a++)
            {
                rows[(s * width) + a] = (float)rhs[a];
            }
        }

        return new PersonFactors(rows, width);
    }

    /// <summary>Returns the predicted stars for one item, clamped to the training range.</summary>
    public double Predict(PersonFactors person, int item)
    {
        ArgumentNullException.ThrowIfNull(person);
        var width = Width;
        double sum = 0;
        for (var s = 0; s < Samples.Count; s++)
        {
            var itemRow = Samples[s].ItemParameters.AsSpan(item * width, width);
            var personRow = person.Rows.AsSpan(s * width, width);
            double value = itemRow[0] + personRow[0];
            for (var f = 1; f < width; f++)
            {
                value += itemRow[f] * personRow[f];
            }

            sum += value;
        }

        return Math.Clamp(GlobalMean + (sum / Samples.Count), MinStars, MaxStars);
    }

    /// <summary>Returns the prediction for an item the model has no parameters for: μ plus the person's bias.</summary>
    public double PredictUnknownItem(PersonFactors person)
    {
        ArgumentNullException.ThrowIfNull(person);
        double sum = 0;
        for (var s = 0; s < Samples.Count; s++)
        {
            sum += person.Row(s)[0];
        }

        return Math.Clamp(GlobalMean + (sum / Samples.Count), MinStars, MaxStars);
    }

    private void AccumulateNormalEquations(FactorSample sample, ReadOnlySpan<int> items, ReadOnlySpan<float> stars, double[] precision, double[] rhs)
    {
        var width = Width;
        Span<double> x = stackalloc double[width];
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[k];
            if ((uint)item >= (uint)ItemCount)
            {
                continue;
            }

            var row = sample.ItemParameters.AsSpan(item * width, width);
            x[0] = 1;
            for (var f = 1; f < width; f++)
            {
                x[f] = row[f];
            }

            double alpha = sample.NoisePrecision * sample.ItemNoiseScale[item];
            var target = alpha * (stars[k] - GlobalMean - row[0]);
            for (var a = 0; a < width; a++)
            {
                rhs[a] += target * x[a];
                var scaled = alpha * x[a];
                var line = precision.AsSpan(a * width, width);
                for (var b = 0; b <= a; b++)
                {
                    line[b] += scaled * x[b];
                }
            }
        }
    }

    /// <summary>Solves A·w = b in place for a symmetric positive definite A whose lower triangle is filled; b becomes w.</summary>
    internal static void CholeskySolve(double[] matrix, double[] vector, int size)
    {
        for (var j = 0; j < size; j++)
        {
            var diagonal = matrix[(j * size) + j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= matrix[(j * size) + k] * matrix[(j * size) + k];
            }

            // Prior precisions are positive, so the matrix is positive definite; the floor only guards rounding.
            diagonal = Math.Sqrt(Math.Max(diagonal, 1e-12));
            matrix[(j * size) + j] = diagonal;
            for (var i = j + 1; i < size; i++)
            {
                var value = matrix[(i * size) + j];
                for (var k = 0; k < j; k++)
                {
                    value -= matrix[(i * size) + k] * matrix[(j * size) + k];
                }

                matrix[(i * size) + j] = value / diagonal;
            }
        }

        for (var i = 0; i < size; i++)
        {
            var value = vector[i];
            for (var k = 0; k < i; k++)
            {
                value -= matrix[(i * size) + k] * vector[k];
            }

            vector[i] = value / matrix[(i * size) + i];
        }

        for (var i = size - 1; i >= 0; i--)
        {
            var value = vector[i];
            for (var k = i + 1; k < size; k++)
            {
                value -= matrix[(k * size) + i] * vector[k];
            }

            vector[i] = value / matrix[(i * size) + i];
        }
    }
}

/// <summary>A folded-in person: one parameter row [b_u, p_u] per sample of the <see cref="FactorModel"/>.</summary>
public sealed class PersonFactors(float[] rows, int width)
{
    internal float[] Rows { get; } = rows;

    /// <summary>Returns the person's row for one sample.</summary>
    public ReadOnlySpan<float> Row(int sample) => Rows.AsSpan(sample * width, width);
}
