using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Recommendations.Factorization;

/// <summary>
/// Trains the rating model with TorchSharp. Both methods alternate closed-form updates of all user rows
/// given the item rows and of all item rows given the user rows: batched normal equations solved by
/// Cholesky. <see cref="RatingModelMethod.Gibbs"/> draws each row from its Gaussian conditional and also
/// draws the per-dimension prior means and precisions (Normal-Gamma) and the noise precision (Gamma),
/// as in Bayesian probabilistic matrix factorisation (Salakhutdinov and Mnih, ICML 2008) but with a diagonal
/// prior per dimension, as Bayesian factorization machines use. <see cref="RatingModelMethod.Als"/> takes the
/// conditional mode under a fixed penalty instead. Runs are deterministic for a given seed and thread count.
/// </summary>
public sealed class FactorTrainer(RatingModelOptions options, int seed)
{
    // Normal-Gamma hyperprior λ ~ Gamma(a0, b0), μ | λ ~ N(m0, 1 / (g0 λ)) with a0 = b0 = g0 = 1 and m0 = 0:
    // a weak prior, and the default of the myFM library's Gibbs sampler.
    private const double PriorShape = 1;
    private const double PriorRate = 1;
    private const double PriorMeanPrecisionScale = 1;

    public const string StageName = "rating model";

    /// <summary>Trains on <paramref name="train"/>; <paramref name="validation"/> (same index space) drives early stopping.</summary>
    public FactorTrainingResult Train(RatingMatrix train, RatingMatrix? validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new InvalidOperationException("The rating model needs at least one rating to train on.");
        }

        using var generator = new Generator((ulong)seed);
        using var state = new SamplerState(train, validation, options, generator);
        var gibbs = options.Method == RatingModelMethod.Gibbs;
        var retained = new SampleReservoir(options.StoredSamples);
        var bestValidation = double.PositiveInfinity;
        var epochsSinceGain = 0;
        var epochs = 0;
        FactorSample? bestPoint = null;

        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            epochs = epoch;
            cancellationToken.ThrowIfCancellationRequested();
            state.Sweep(gibbs);

            var averaging = !gibbs || epoch > options.BurnInEpochs;
            var (trainRmse, validationRmse) = state.Measure(accumulate: gibbs && averaging);
            if (gibbs && averaging)
            {
                retained.Offer(state.Snapshot);
            }

            progress?.Report(new TrainingProgress(StageName, epoch, options.MaxEpochs, trainRmse, validationRmse));
            if (validationRmse is not { } current || !averaging)
            {
                continue;
            }

            if (current < bestValidation - options.MinImprovement)
            {
                bestValidation = current;
                epochsSinceGain = 0;
                if (!gibbs)
                {
                    bestPoint = state.Snapshot();
                }
            }
            else if (++epochsSinceGain >= options.Patience)
            {
                break;
            }
        }

        IReadOnlyList<FactorSample> samples = gibbs
            ? (retained.Count > 0 ? retained.Samples : [state.Snapshot()])
            : [bestPoint ?? state.Snapshot()];
        var model = new FactorModel(train.ItemCount, options.Factors, (float)state.GlobalMean, state.MinStars, state.MaxStars, samples);
        return new FactorTrainingResult(model, epochs, double.IsFinite(bestValidation) ? bestValidation : null, state.UserParameters());
    }

    /// <summary>The trained model, the epochs run, the best validation RMSE (stars) when there was validation data, and the last user rows.</summary>
    /// <param name="UserParameters">Each training user's row [b_u, p_u] from the last epoch, row-major; the model itself keeps no user rows.</param>
    public sealed record FactorTrainingResult(FactorModel Model, int Epochs, double? ValidationRmse, float[] UserParameters);

    /// <summary>Keeps at most a fixed number of samples spread evenly over the chain by halving them (and doubling the stride) when full.</summary>
    private sealed class SampleReservoir(int capacity)
    {
        private readonly List<FactorSample> _samples = [];
        private int _stride = 1;
        private int _offered;

        public int Count => _samples.Count;

        public IReadOnlyList<FactorSample> Samples => _samples;

        public void Offer(Func<FactorSample> snapshot)
        {
            if (_offered++ % _stride != 0)
            {
                return;
            }

            _samples.Add(snapshot());
            if (_samples.Count > capacity)
            {
                var everyOther = _samples.Where((_, index) => index % 2 == 0).ToList();
                _samples.Clear();
                _samples.AddRange(everyOther);
                _stride *= 2;
            }
        }
    }

    /// <summary>One side's sparse rating matrices: ones at rated positions, and rating − μ at the same positions.</summary>
    private sealed record SideMatrices(Tensor Incidence, Tensor Residuals);

    /// <summary>The tensors of one training run: ratings, current rows, priors and running averages.</summary>
    /// <remarks>Its tensors live outside every dispose scope and are freed by <see cref="Dispose"/>.</remarks>
    private sealed class SamplerState : IDisposable
    {
        private readonly RatingModelOptions _options;
        private readonly Generator _generator;
        private readonly Tensor _trainUsers;
        private readonly Tensor _trainItems;
        private readonly SideMatrices _byUser;
        private readonly SideMatrices _byItem;
        private readonly Tensor _trainStars;
        private readonly Tensor? _validationUsers;
        private readonly Tensor? _validationItems;
        private readonly Tensor? _validationStars;
        private readonly long _userCount;
        private readonly long _itemCount;
        private readonly int _width;
        private readonly Tensor _pairFirst;
        private readonly Tensor _pairSecond;
        private readonly Tensor _pairOfEntry;
        private Tensor _users;
        private Tensor _items;
        private Tensor _userPriorMean;
        private Tensor _userPriorPrecision;
        private Tensor _itemPriorMean;
        private Tensor _itemPriorPrecision;
        private readonly Tensor _userRatingCounts;
        private readonly Tensor _itemRatingCounts;
        private Tensor _userNoiseScale;
        private Tensor _itemNoiseScale;
        private double _noisePrecision = 1;
        private Tensor? _trainPrediction;
        private Tensor? _trainSum;
        private Tensor? _validationSum;
        private int _averaged;

        public SamplerState(RatingMatrix train, RatingMatrix? validation, RatingModelOptions options, Generator generator)
        {
            _options = options;
            _generator = generator;
            _userCount = train.UserCount;
            _itemCount = train.ItemCount;
            _width = options.Factors + 1;
            GlobalMean = train.MeanStars();
            MinStars = train.Stars.Min();
            MaxStars = train.Stars.Max();

            using var scope = NewDisposeScope();
            _trainUsers = Keep(tensor(train.Users.Select(u => (long)u).ToArray()));
            _trainItems = Keep(tensor(train.Items.Select(i => (long)i).ToArray()));
            _trainStars = Keep(tensor(train.Stars));
            var residuals = _trainStars - (float)GlobalMean;
            _byUser = new SideMatrices(
                Keep(Sparse(_trainUsers, _trainItems, ones_like(residuals), _userCount, _itemCount)),
                Keep(Sparse(_trainUsers, _trainItems, residuals, _userCount, _itemCount)));
            _byItem = new SideMatrices(
                Keep(Sparse(_trainItems, _trainUsers, ones_like(residuals), _itemCount, _userCount)),
                Keep(Sparse(_trainItems, _trainUsers, residuals, _itemCount, _userCount)));
            if (validation is { Count: > 0 })
            {
                _validationUsers = Keep(tensor(validation.Users.Select(u => (long)u).ToArray()));
                _validationItems = Keep(tensor(validation.Items.Select(i => (long)i).ToArray()));
                _validationStars = Keep(tensor(validation.Stars));
            }

            _userRatingCounts = Keep(_byUser.Incidence.matmul(ones(_itemCount, 1)).squeeze(1));
            _itemRatingCounts = Keep(_byItem.Incidence.matmul(ones(_userCount, 1)).squeeze(1));
            (_pairFirst, _pairSecond, _pairOfEntry) = UpperTrianglePairs(_width);
            _userNoiseScale = Keep(ones(_userCount));
            _itemNoiseScale = Keep(ones(_itemCount));
            var deviation = options.InitialStandardDeviation;
            _users = Keep(randn(_userCount, _width, generator: generator) * deviation);
            _items = Keep(randn(_itemCount, _width, generator: generator) * deviation);
            var penalty = options.Method == RatingModelMethod.Als ? options.Regularization : 1;
            _userPriorMean = Keep(zeros(_width));
            _itemPriorMean = Keep(zeros(_width));
            _userPriorPrecision = Keep(full(_width, penalty));
            _itemPriorPrecision = Keep(full(_width, penalty));
        }

        public double GlobalMean { get; }

        public float MinStars { get; }

        public float MaxStars { get; }

        /// <summary>Updates every user row, then every item row, then (Gibbs) the noise precision.</summary>
        public void Sweep(bool gibbs)
        {
            using var scope = NewDisposeScope();
            if (gibbs)
            {
                (_userPriorMean, _userPriorPrecision) = Replace(SampleHyperparameters(_users), _userPriorMean, _userPriorPrecision);
            }

            var users = SolveRows(_byUser, _items, _itemNoiseScale, _userNoiseScale, _userPriorMean, _userPriorPrecision, gibbs);
            Swap(ref _users, users);
            if (gibbs)
            {
                (_itemPriorMean, _itemPriorPrecision) = Replace(SampleHyperparameters(_items), _itemPriorMean, _itemPriorPrecision);
            }

            var items = SolveRows(_byItem, _users, _userNoiseScale, _itemNoiseScale, _itemPriorMean, _itemPriorPrecision, gibbs);
            Swap(ref _items, items);
            if (gibbs)
            {
                SampleNoise();
            }
        }

        /// <summary>
        /// Draws the noise precision α from its Gamma conditional. With degrees of freedom ν > 0 it first draws each
        /// user's and item's precision scale from Gamma(ν/2 + n/2, ν/2 + α/2 Σ scale·error²). Those scales make the
        /// rating noise Student-t, so erratic users and items count less.
        /// </summary>
        private void SampleNoise()
        {
            using var scope = NewDisposeScope();
            var prediction = Predict(_trainUsers, _trainItems);
            Replace(ref _trainPrediction, prediction);
            var squaredErrors = (prediction - _trainStars).pow(2);
            var freedom = _options.NoiseDegreesOfFreedom;
            if (freedom > 0)
            {
                var userWeighted = zeros(_userCount).index_add_(0, _trainUsers, squaredErrors * _itemNoiseScale.index_select(0, _trainItems), 1);
                var userShape = (_userRatingCounts / 2) + (freedom / 2);
                var userScale = _standard_gamma(userShape, _generator) / ((userWeighted * (_noisePrecision / 2)) + (freedom / 2));
                Swap(ref _userNoiseScale, userScale);

                var itemWeighted = zeros(_itemCount).index_add_(0, _trainItems, squaredErrors * _userNoiseScale.index_select(0, _trainUsers), 1);
                var itemShape = (_itemRatingCounts / 2) + (freedom / 2);
                var itemScale = _standard_gamma(itemShape, _generator) / ((itemWeighted * (_noisePrecision / 2)) + (freedom / 2));
                Swap(ref _itemNoiseScale, itemScale);
            }

            var weighted = (squaredErrors * _userNoiseScale.index_select(0, _trainUsers) * _itemNoiseScale.index_select(0, _trainItems)).sum().item<float>();
            var shape = PriorShape + (_trainStars.shape[0] / 2.0);
            var rate = PriorRate + (0.5 * weighted);
            _noisePrecision = _standard_gamma(full(1, shape, dtype: ScalarType.Float64), _generator).item<double>() / rate;
        }

        /// <summary>Returns training and validation RMSE of the current rows, or (with <paramref name="accumulate"/>) of the average over samples so far.</summary>
        public (double Train, double? Validation) Measure(bool accumulate)
        {
            using var scope = NewDisposeScope();

            // SampleNoise has already predicted the training ratings from the current rows.
            var trainPrediction = _trainPrediction ?? Predict(_trainUsers, _trainItems);
            Tensor? validationPrediction = _validationUsers is null ? null : Predict(_validationUsers, _validationItems!);
            if (accumulate)
            {
                _averaged++;
                _trainSum = Accumulate(_trainSum, trainPrediction);
                trainPrediction = _trainSum / _averaged;
                if (validationPrediction is not null)
                {
                    _validationSum = Accumulate(_validationSum, validationPrediction);
                    validationPrediction = _validationSum / _averaged;
                }
            }

            var train = Rmse(trainPrediction, _trainStars);
            double? validation = validationPrediction is null ? null : Rmse(validationPrediction, _validationStars!);
            return (train, validation);
        }

        /// <summary>Copies the current user rows, row-major.</summary>
        public float[] UserParameters() => _users.contiguous().data<float>().ToArray();

        /// <summary>Copies the item side and the user prior into a <see cref="FactorSample"/>.</summary>
        public FactorSample Snapshot() => new(
            _items.contiguous().data<float>().ToArray(),
            _userPriorMean.data<float>().ToArray(),
            _userPriorPrecision.data<float>().ToArray(),
            (float)_noisePrecision,
            _itemNoiseScale.data<float>().ToArray());

        public void Dispose()
        {
            Tensor?[] owned =
            [
                _pairFirst, _pairSecond, _pairOfEntry, _trainUsers, _trainItems, _trainStars, _byUser.Incidence, _byUser.Residuals, _byItem.Incidence, _byItem.Residuals, _validationUsers, _validationItems, _validationStars,
                _userRatingCounts, _itemRatingCounts, _userNoiseScale, _itemNoiseScale, _users, _items, _userPriorMean, _userPriorPrecision, _itemPriorMean, _itemPriorPrecision, _trainPrediction, _trainSum, _validationSum,
            ];
            foreach (var tensor in owned)
            {
                tensor?.Dispose();
            }
        }

        private static Tensor Keep(Tensor tensor) => tensor.DetachFromDisposeScope();

        /// <summary>Returns the (a, b) column pairs with a ≤ b of a width × width matrix, and for each entry (a, b) the index of its pair.</summary>
        private static (Tensor First, Tensor Second, Tensor PairOfEntry) UpperTrianglePairs(int width)
        {
            var first = new List<long>();
            var second = new List<long>();
            var pairOf = new long[width * width];
            for (var a = 0; a < width; a++)
            {
                for (var b = a; b < width; b++)
                {
                    pairOf[(a * width) + b] = first.Count;
                    pairOf[(b * width) + a] = first.Count;
                    first.Add(a);
                    second.Add(b);
                }
            }

            return (Keep(tensor(first.ToArray())), Keep(tensor(second.ToArray())), Keep(tensor(pairOf)));
        }

        private static Tensor Sparse(Tensor rows, Tensor columns, Tensor values, long rowCount, long columnCount) =>
            sparse_coo_tensor(stack([rows, columns]), values, [rowCount, columnCount]);

        private static Tensor Accumulate(Tensor? sum, Tensor value)
        {
            var next = Keep(sum is null ? value.clone() : sum + value);
            sum?.Dispose();
            return next;
        }

        private double Rmse(Tensor prediction, Tensor stars)
        {
            using var scope = NewDisposeScope();
            var clamped = prediction.clamp(MinStars, MaxStars);
            return Math.Sqrt((clamped - stars).pow(2).mean().item<float>());
        }

        private Tensor Predict(Tensor users, Tensor items)
        {
            using var scope = NewDisposeScope();
            var userRows = _users.index_select(0, users);
            var itemRows = _items.index_select(0, items);
            var factors = (userRows[.., 1..] * itemRows[.., 1..]).sum(1);
            return (factors + userRows[.., 0] + itemRows[.., 0] + (float)GlobalMean).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Updates all rows on one side. Row n's normal equations are (Λ + α Σ x xᵀ) w = Λ m + α Σ y x over its
        /// ratings, with x = [1, other factors] and y = rating − μ − other bias. ALS keeps the solution; Gibbs
        /// adds L⁻ᵀ z, which turns it into a draw from N(solution, (Λ + α Σ x xᵀ)⁻¹). The sums over ratings are
        /// sparse-times-dense products: Σ x xᵀ = S·(x ⊗ x) and Σ y x = R·x − S·(b ∘ x), where S has ones and
        /// R has rating − μ at the rated positions (each term also carries the other side's noise scale).
        /// </summary>
        private Tensor SolveRows(SideMatrices side, Tensor other, Tensor otherNoiseScale, Tensor rowNoiseScale, Tensor priorMean, Tensor priorPrecision, bool sample)
        {
            using var scope = NewDisposeScope();
            var width = _width;
            var rowCount = side.Incidence.shape[0];
            var design = cat([ones(other.shape[0], 1), other[.., 1..]], 1);
            var scaled = design * otherNoiseScale.unsqueeze(1);

            // One sparse product gives both the Gram matrices (upper triangles only, they are symmetric) and S·(b ∘ x).
            var pairCount = _pairFirst.shape[0];
            var pairs = scaled.index_select(1, _pairFirst) * design.index_select(1, _pairSecond);
            var biasTerms = scaled * other[.., 0].unsqueeze(1);
            var sums = side.Incidence.matmul(cat([pairs, biasTerms], 1));
            var gram = sums[.., ..(int)pairCount].index_select(1, _pairOfEntry).view(rowCount, width, width);
            var rhs = side.Residuals.matmul(scaled) - sums[.., (int)pairCount..];

            var weight = rowNoiseScale * (float)_noisePrecision;
            var precision = gram * weight.view(-1, 1, 1);
            precision.diagonal(0, 1, 2).add_(priorPrecision);
            var right = (rhs * weight.unsqueeze(1)) + (priorPrecision * priorMean).unsqueeze(0);
            // With precision = L Lᵀ, the mean is L⁻ᵀ(L⁻¹ right) and a draw adds L⁻ᵀ z, so both share the second solve.
            var cholesky = linalg.cholesky(precision);
            var half = linalg.solve_triangular(cholesky, right.unsqueeze(2), upper: false);
            if (sample)
            {
                half = half + randn(rowCount, width, 1, generator: _generator);
            }

            var solution = linalg.solve_triangular(cholesky.transpose(1, 2), half, upper: true).squeeze(2);
            return solution.MoveToOuterDisposeScope();
        }

        /// <summary>Draws each dimension's prior precision and mean from its Normal-Gamma posterior given the current rows.</summary>
        private (Tensor Mean, Tensor Precision) SampleHyperparameters(Tensor rows)
        {
            using var scope = NewDisposeScope();
            var count = rows.shape[0];
            var mean = rows.mean([0L]);
            var squares = (rows - mean.unsqueeze(0)).pow(2).sum([0L]);
            var posteriorScale = PriorMeanPrecisionScale + count;
            var posteriorMean = mean * (count / posteriorScale);
            var shape = PriorShape + ((count + 1) / 2.0);
            var rate = PriorRate + (0.5 * squares) + (PriorMeanPrecisionScale * count * mean.pow(2) / (2 * posteriorScale));
            var precision = _standard_gamma(full(_width, shape), _generator) / rate;
            var draw = posteriorMean + (randn(_width, generator: _generator) / (precision * posteriorScale).sqrt());
            return (draw.MoveToOuterDisposeScope(), precision.MoveToOuterDisposeScope());
        }

        private static (Tensor, Tensor) Replace((Tensor Mean, Tensor Precision) next, Tensor oldMean, Tensor oldPrecision)
        {
            oldMean.Dispose();
            oldPrecision.Dispose();
            return (Keep(next.Mean), Keep(next.Precision));
        }

        private static void Replace(ref Tensor? field, Tensor next)
        {
            var old = field;
            field = Keep(next.clone());
            old?.Dispose();
        }

        private static void Swap(ref Tensor field, Tensor next)
        {
            var old = field;
            field = Keep(next);
            old.Dispose();
        }
    }
}

