using System.Diagnostics;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;
using ChatBot.Recommendations.Serving;
using ChatBot.Recommendations.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ChatBot.Recommendations.Evaluation.EvaluationNames;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>Which protocols to run and with which fixed settings.</summary>
/// <param name="Protocols">Protocol names to run; empty runs all.</param>
/// <param name="Seed">Seed of every random split.</param>
/// <param name="ItemKnnNeighbours">Neighbours per item of the item-kNN baseline.</param>
/// <param name="TimedPeople">How many people the speed protocol times.</param>
public sealed record EvaluationSettings(IReadOnlySet<string> Protocols, int Seed = 2024, int ItemKnnNeighbours = 20, int TimedPeople = 300)
{
    public bool Runs(string protocol) => Protocols.Count == 0 || Protocols.Contains(protocol);
}

/// <summary>
/// Runs the evaluation protocols on MovieLens folders and computes every baseline in the same run. The protocols
/// are rating prediction on ml-100k's official folds, top-N on a random 80/20 split per user, strong
/// generalisation (fold-in of held-out users), and speed of the production training and serving path.
/// </summary>
public sealed class EvaluationRunner(RecommenderOptions options, ILoggerFactory? loggerFactory = null)
{
    private const int Cutoff = 10;
    private const double TestFraction = 0.2;
    private const double HeldOutUserFraction = 0.1;
    private const double BaselineDamping = 10;

    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;

    public IReadOnlyList<EvaluationResult> Run(IReadOnlyList<string> folders, EvaluationSettings settings, IProgress<string>? status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(settings);
        TorchSharp.torch.set_num_threads(options.TrainingThreads);
        var results = new List<EvaluationResult>();
        foreach (var folder in folders)
        {
            var dataset = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            if (settings.Runs(RatingProtocol) && RatingSplit.HasMl100kFolds(folder))
            {
                results.AddRange(RatingPrediction(folder, dataset, status, cancellationToken));
            }

            var needsCatalog = settings.Runs(TopNProtocol) || settings.Runs(FoldInProtocol) || settings.Runs(SpeedProtocol);
            if (!needsCatalog)
            {
                continue;
            }

            var loadWatch = Stopwatch.StartNew();
            var catalog = new MovieLensLoader(_loggerFactory.CreateLogger<MovieLensLoader>()).Load(folder, cancellationToken).Catalog;
            var loadSeconds = loadWatch.Elapsed.TotalSeconds;
            var data = TrainingData.Create(catalog.Ratings, []);
            if (settings.Runs(TopNProtocol))
            {
                results.AddRange(TopN(data, dataset, settings, status, cancellationToken));
            }

            if (settings.Runs(FoldInProtocol))
            {
                results.AddRange(FoldIn(data, dataset, settings, status, cancellationToken));
            }

            if (settings.Runs(SpeedProtocol))
            {
                results.Add(Speed(folder, catalog, loadSeconds, dataset, settings, status, cancellationToken));
            }
        }

        return results;
    }

    private IEnumerable<EvaluationResult> RatingPrediction(string folder, string dataset, IProgress<string>? status, CancellationToken cancellationToken)
    {
        var names = new[] { "global-mean", "item-mean", "damped-baseline", "biased-mf-als", "biased-mf-gibbs" };
        var errors = names.ToDictionary(n => n, _ => new List<(double Rmse, double Mae)>());
        foreach (var fold in new[] { "u1", "u2", "u3", "u4", "u5" })
        {
            cancellationToken.ThrowIfCancellationRequested();
            status?.Report($"{dataset}: rating prediction, fold {fold}");
            var split = RatingSplit.ReadMl100k(folder, fold);
            var train = split.Train.Ratings;
            errors["global-mean"].Add(Errors(split, BaselinePredictors.GlobalMean(train)));
            errors["item-mean"].Add(Errors(split, BaselinePredictors.ItemMean(train)));
            errors["damped-baseline"].Add(Errors(split, BaselinePredictors.DampedBaseline(train, BaselineDamping, BaselineDamping)));
            errors["biased-mf-als"].Add(Errors(split, TrainRatingModel(train, RatingModelMethod.Als, cancellationToken)));
            errors["biased-mf-gibbs"].Add(Errors(split, TrainRatingModel(train, RatingModelMethod.Gibbs, cancellationToken)));
        }

        foreach (var name in names)
        {
            var folds = errors[name];
            var metrics = new Dictionary<string, double>
            {
                [Rmse] = folds.Average(f => f.Rmse),
                [Mae] = folds.Average(f => f.Mae),
            };
            for (var k = 0; k < folds.Count; k++)
            {
                metrics[$"{Rmse}_u{k + 1}"] = folds[k].Rmse;
            }

            yield return new EvaluationResult(dataset, RatingProtocol, name, metrics);
        }
    }

    private Func<int, int, double> TrainRatingModel(RatingMatrix train, RatingModelMethod method, CancellationToken cancellationToken)
    {
        var factorOptions = CopyRatingOptions(method);
        var (fit, validation) = RecommenderTrainer.SplitValidation(train, factorOptions.ValidationFraction, options.Seed);
        var model = new FactorTrainer(factorOptions, options.Seed).Train(fit, validation, null, cancellationToken).Model;
        var people = new Dictionary<int, PersonFactors>();
        return (user, item) =>
        {
            if (!people.TryGetValue(user, out var person))
            {
                person = user < train.UserCount ? model.FoldIn(train.ItemsOf(user), train.StarsOf(user)) : model.FoldIn([], []);
                people[user] = person;
            }

            return item >= 0 ? model.Predict(person, item) : model.PredictUnknownItem(person);
        };
    }

    private static (double Rmse, double Mae) Errors(RatingSplit split, Func<int, int, double> predict)
    {
        double squared = 0, absolute = 0;
        for (var k = 0; k < split.TestStars.Length; k++)
        {
            var item = split.Train.Items.IndexOf(split.TestMovieIds[k]);
            var error = predict(split.TestUsers[k], item) - split.TestStars[k];
            squared += error * error;
            absolute += Math.Abs(error);
        }

        var count = Math.Max(1, split.TestStars.Length);
        return (Math.Sqrt(squared / count), absolute / count);
    }

    private IEnumerable<EvaluationResult> TopN(TrainingData data, string dataset, EvaluationSettings settings, IProgress<string>? status, CancellationToken cancellationToken)
    {
        status?.Report($"{dataset}: top-N, baselines");
        var split = TopNSplit.PerUser(data.Ratings, TestFraction, settings.Seed);
        var counts = split.Train.ItemRatingCounts();
        EvaluationResult Evaluate(string model, ItemScorer scorer)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metrics = TopNEvaluator.Evaluate(split.Cases, scorer, counts, Cutoff);
            return new EvaluationResult(dataset, TopNProtocol, model, TopNMetricsMap(metrics));
        }

        yield return Evaluate("popularity-most-rated", Scorers.MostRated(counts));
        yield return Evaluate("popularity-damped-mean", Scorers.DampedMean(split.Train, options.Popularity.DampingRatings));
        yield return Evaluate($"item-knn-{settings.ItemKnnNeighbours}", Scorers.ItemKnn(ItemKnnModel.Train(split.Train, settings.ItemKnnNeighbours)));

        status?.Report($"{dataset}: top-N, rating model");
        var rating = TrainRatingModelOnly(split.Train, cancellationToken);
        yield return Evaluate("rating-model-by-predicted-stars", Scorers.PredictedStars(rating));

        status?.Report($"{dataset}: top-N, ranking model");
        var ranking = new EaseTrainer(options.RankingModel).Train(split.Train, null, cancellationToken);
        yield return Evaluate("ease-no-penalty", Scorers.Ease(ranking, 0));
        yield return Evaluate($"ease-penalty-{options.RankingModel.PopularityPenalty:0.###}", Scorers.Ease(ranking, options.RankingModel.PopularityPenalty));
    }

    private IEnumerable<EvaluationResult> FoldIn(TrainingData data, string dataset, EvaluationSettings settings, IProgress<string>? status, CancellationToken cancellationToken)
    {
        status?.Report($"{dataset}: strong generalisation, ranking model");
        var (without, with, cases) = TopNSplit.HeldOutUsers(data.Ratings, HeldOutUserFraction, TestFraction, settings.Seed);
        var penalty = options.RankingModel.PopularityPenalty;
        var inTraining = TopNEvaluator.Evaluate(cases, Scorers.Ease(new EaseTrainer(options.RankingModel).Train(with, null, cancellationToken), penalty), with.ItemRatingCounts(), Cutoff);
        var foldedIn = TopNEvaluator.Evaluate(cases, Scorers.Ease(new EaseTrainer(options.RankingModel).Train(without, null, cancellationToken), penalty), without.ItemRatingCounts(), Cutoff);
        yield return new EvaluationResult(dataset, FoldInProtocol, "ease", new Dictionary<string, double>
        {
            [NdcgInTraining] = inTraining.Ndcg,
            [NdcgFoldIn] = foldedIn.Ndcg,
            [RecallInTraining] = inTraining.Recall,
            [RecallFoldIn] = foldedIn.Recall,
            [FoldInRatio] = inTraining.Ndcg > 0 ? foldedIn.Ndcg / inTraining.Ndcg : 0,
            [Users] = cases.Count,
        });

        status?.Report($"{dataset}: strong generalisation, rating model");
        var rmseInTraining = HeldOutRmse(TrainRatingModelOnly(with, cancellationToken), cases);
        var rmseFoldIn = HeldOutRmse(TrainRatingModelOnly(without, cancellationToken), cases);
        yield return new EvaluationResult(dataset, FoldInProtocol, "biased-mf-gibbs", new Dictionary<string, double>
        {
            [RmseInTraining] = rmseInTraining,
            [RmseFoldIn] = rmseFoldIn,
            [FoldInRatio] = rmseFoldIn > 0 ? rmseInTraining / rmseFoldIn : 0,
            [Users] = cases.Count,
        });
    }

    private EvaluationResult Speed(string folder, IMovieCatalog loadedCatalog, double loadSeconds, string dataset, EvaluationSettings settings, IProgress<string>? status, CancellationToken cancellationToken)
    {
        status?.Report($"{dataset}: speed, production training path");
        var loadAverage = LoadAverage();
        var processorTime = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var catalog = new MovieLensLoader(_loggerFactory.CreateLogger<MovieLensLoader>()).Load(folder, cancellationToken).Catalog;
        var data = TrainingData.Create(catalog.Ratings, []);
        var model = new RecommenderTrainer(options, TimeProvider.System).Train(data, catalog.Name, null, cancellationToken);
        var trainSeconds = watch.Elapsed.TotalSeconds;
        var trainProcessorSeconds = (Process.GetCurrentProcess().TotalProcessorTime - processorTime).TotalSeconds;
        GC.KeepAlive(loadedCatalog);

        var file = Path.Combine(Path.GetTempPath(), $"chatbot-eval-{Guid.NewGuid():N}.model");
        double fileMegabytes;
        double heapMegabytes;
        try
        {
            ModelFile.Save(model, file);
            fileMegabytes = new FileInfo(file).Length / 1e6;
            model = null;
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            model = ModelFile.Load(file);
            heapMegabytes = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1e6;
        }
        finally
        {
            File.Delete(file);
        }

        var recommender = new CollaborativeRecommender(catalog, Options.Create(options), _loggerFactory.CreateLogger<CollaborativeRecommender>());
        recommender.Swap(model);
        var users = Enumerable.Range(0, data.Ratings.UserCount).Where(u => data.Ratings.CountOf(u) > 0).Take(settings.TimedPeople).ToArray();
        var foldIn = new List<double>(users.Length);
        var top10 = new List<double>(users.Length);
        foreach (var user in users)
        {
            var items = data.Ratings.ItemsOf(user).ToArray();
            var stars = data.Ratings.StarsOf(user).ToArray();
            var query = new RecommendationQuery
            {
                Ratings = [.. items.Select((item, k) => new MovieRating(data.Items.MovieIds[item], stars[k]))],
                Count = Cutoff,
            };

            var timer = Stopwatch.StartNew();
            model.RatingModel.FoldIn(items, stars);
            foldIn.Add(timer.Elapsed.TotalMilliseconds);
            timer.Restart();
            recommender.Recommend(query);
            top10.Add(timer.Elapsed.TotalMilliseconds);
        }

        return new EvaluationResult(dataset, SpeedProtocol, "production", new Dictionary<string, double>
        {
            [LoadSeconds] = loadSeconds,
            [TrainSeconds] = trainSeconds,
            [TrainProcessorSeconds] = trainProcessorSeconds,
            [LoadAverage1m] = loadAverage,
            [Epochs] = model.Info.Epochs,
            [Rmse] = model.Info.ValidationRmse ?? double.NaN,
            [FoldInMs] = foldIn.Average(),
            [FoldInP95Ms] = Percentile(foldIn, 0.95),
            [Top10Ms] = top10.Average(),
            [Top10P95Ms] = Percentile(top10, 0.95),
            [ModelMegabytes] = model.ParameterBytes / 1e6,
            [FileMegabytes] = fileMegabytes,
            [ManagedHeapMegabytes] = heapMegabytes,
            [Users] = users.Length,
        });
    }

    private FactorModel TrainRatingModelOnly(RatingMatrix train, CancellationToken cancellationToken)
    {
        var factorOptions = CopyRatingOptions(options.RatingModel.Method);
        var (fit, validation) = RecommenderTrainer.SplitValidation(train, factorOptions.ValidationFraction, options.Seed);
        return new FactorTrainer(factorOptions, options.Seed).Train(fit, validation, null, cancellationToken).Model;
    }

    private static double HeldOutRmse(FactorModel model, IReadOnlyList<TopNCase> cases)
    {
        double squared = 0;
        var count = 0;
        foreach (var testCase in cases)
        {
            var person = model.FoldIn(testCase.InputItems, testCase.InputStars);
            for (var k = 0; k < testCase.HeldOutItems.Length; k++)
            {
                var error = model.Predict(person, testCase.HeldOutItems[k]) - testCase.HeldOutStars[k];
                squared += error * error;
                count++;
            }
        }

        return count > 0 ? Math.Sqrt(squared / count) : 0;
    }

    private RatingModelOptions CopyRatingOptions(RatingModelMethod method)
    {
        var source = options.RatingModel;
        return new RatingModelOptions
        {
            Method = method,
            Factors = source.Factors,
            MaxEpochs = source.MaxEpochs,
            BurnInEpochs = source.BurnInEpochs,
            StoredSamples = source.StoredSamples,
            ValidationFraction = source.ValidationFraction,
            Patience = source.Patience,
            MinImprovement = source.MinImprovement,
            NoiseDegreesOfFreedom = source.NoiseDegreesOfFreedom,
            Regularization = source.Regularization,
            InitialStandardDeviation = source.InitialStandardDeviation,
        };
    }

    private static Dictionary<string, double> TopNMetricsMap(TopNMetrics metrics) => new()
    {
        [Recall] = metrics.Recall,
        [Ndcg] = metrics.Ndcg,
        [Users] = metrics.Users,
        [BlockbusterShare] = metrics.BlockbusterShare,
        [Coverage] = metrics.Coverage,
        [PopularityPercentile] = metrics.MeanPopularityPercentile,
    };

    /// <summary>Returns the one-minute load average from /proc/loadavg, or NaN where there is none (not Linux).</summary>
    private static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }
}
