using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Recommendations.Ranking;

/// <summary>
/// Fits <see cref="EaseModel"/> with TorchSharp: G = XᵀX where X holds each rating's preference weight, P = (G + λI)⁻¹ by Cholesky,
/// then B = I − P·diag(1/diag(P)), which is the closed-form minimiser of ‖X − XB‖² + λ‖B‖² with diag(B) = 0.
/// </summary>
public sealed class EaseTrainer(RankingModelOptions options)
{
    public const string StageName = "ranking model";

    /// <summary>Users per chunk when XᵀX is accumulated; bounds the dense chunk at this many rows of the model's width.</summary>
    private const int UserChunk = 2048;

    private const int Steps = 3;

    public EaseModel Train(RatingMatrix ratings, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var counts = ratings.ItemRatingCounts();
        var modelItems = SelectItems(counts, options.MinItemRatings, options.MaxItems);
        if (modelItems.Length == 0)
        {
            throw new InvalidOperationException(
                $"No movie has {options.MinItemRatings} or more ratings, so the ranking model would be empty; lower Recommender:RankingModel:MinItemRatings.");
        }

        var local = new int[ratings.ItemCount];
        Array.Fill(local, -1);
        for (var k = 0; k < modelItems.Length; k++)
        {
            local[modelItems[k]] = k;
        }

        using var scope = NewDisposeScope();
        var exponent = options.RatingWeightExponent;
        // Each n² matrix is disposed as soon as the next one exists, so at most two are alive at a time.
        var gram = Gram(ratings, stars => EaseModel.PreferenceWeight(stars, exponent), local, modelItems.Length, cancellationToken);
        progress?.Report(new TrainingProgress(StageName, 1, Steps));
        cancellationToken.ThrowIfCancellationRequested();
        gram.diagonal().add_(options.L2);
        var factor = linalg.cholesky(gram);
        gram.Dispose();
        var inverse = cholesky_inverse(factor);
        factor.Dispose();

        progress?.Report(new TrainingProgress(StageName, 2, Steps));

        // B[j, i] = −P[j, i] / P[i, i] for j ≠ i: each column is scaled by its own diagonal entry, in place and
        // with a copy of the diagonal because the divisor would otherwise change while dividing.
        var scale = inverse.diagonal().neg().clone().unsqueeze(0);
        inverse.div_(scale);
        inverse.diagonal().zero_();
        var values = inverse.to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        progress?.Report(new TrainingProgress(StageName, 3, Steps));
        return new EaseModel(ratings.ItemCount, modelItems, values, counts, exponent);
    }

    /// <summary>Returns the items the model keeps, ascending: those with enough ratings, at most <paramref name="maxItems"/> of the most rated.</summary>
    internal static int[] SelectItems(int[] counts, int minRatings, int maxItems) =>
        [.. Enumerable.Range(0, counts.Length)
            .Where(i => counts[i] >= minRatings)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => i)
            .Take(maxItems)
            .Order()];

    /// <summary>Accumulates XᵀX in double precision, one chunk of users at a time (sparse Xᵀ times dense X).</summary>
    private static Tensor Gram(RatingMatrix ratings, Func<float, float> weight, int[] local, int width, CancellationToken cancellationToken)
    {
        var gram = zeros(width, width, dtype: ScalarType.Float64);
        for (var first = 0; first < ratings.UserCount; first += UserChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var chunk = NewDisposeScope();
            var last = Math.Min(ratings.UserCount, first + UserChunk);
            var rows = new List<long>();
            var columns = new List<long>();
            var values = new List<double>();
            for (var user = first; user < last; user++)
            {
                var items = ratings.ItemsOf(user);
                var stars = ratings.StarsOf(user);
                for (var k = 0; k < items.Length; k++)
                {
                    if (local[items[k]] >= 0)
                    {
                        rows.Add(user - first);
                        columns.Add(local[items[k]]);
                        values.Add(weight(stars[k]));
                    }
                }
            }

            if (rows.Count == 0)
            {
                continue;
            }

            var indices = stack([tensor(rows.ToArray()), tensor(columns.ToArray())]);
            var weights = tensor(values.ToArray());
            var dense = zeros(last - first, width, dtype: ScalarType.Float64).index_put_(weights, indices[0], indices[1]);
            var transposed = sparse_coo_tensor(stack([indices[1], indices[0]]), weights, [width, last - first]);
            gram.add_(transposed.matmul(dense));
        }

        return gram;
    }
}
