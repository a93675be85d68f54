using System.Diagnostics;
using System.Globalization;
using ChatBot.Catalog.MovieLens;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Evaluation;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;
using ChatBot.Recommendations.Training;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// Chooses the documented defaults on validation data only: ratings carved out of ml-100k's u1.base for the
/// rating model, and a second per-user 80/20 split of each top-N training split for the ranking model. No
/// figure here reads a test split.
/// </summary>
internal static class Tuning
{
    private const int ValidationSeed = 99;

    public static void Run(string part)
    {
        if (part is "rating" or "all")
        {
            TuneRatingModel();
        }

        if (part is "ranking" or "all")
        {
            TuneRankingModel();
        }
    }

    private static void TuneRatingModel()
    {
        var train = RatingSplit.ReadMl100k(TestData.MovieLens100k, "u1").Train.Ratings;
        var random = new Random(ValidationSeed);
        var isValidation = Enumerable.Range(0, train.Count).Select(_ => random.NextDouble() < 0.2).ToArray();
        var fit = train.Where(k => !isValidation[k]);
        var validation = train.Where(k => isValidation[k]);
        Console.WriteLine("### Rating model, validation RMSE (80/20 of ml-100k u1.base)");
        Console.WriteLine();
        Console.WriteLine("| method | factors | noise ν | stored samples | validation fraction | patience | max epochs | epochs run | RMSE | seconds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var configurations = new List<RatingModelOptions>();
        foreach (var regularization in new[] { 3.0, 10, 30 })
        {
            configurations.Add(new RatingModelOptions { Method = RatingModelMethod.Als, Factors = 10, Regularization = regularization });
        }

        foreach (var factors in new[] { 5, 10, 20 })
        {
            foreach (var noise in new[] { 0.0, 16 })
            {
                configurations.Add(new RatingModelOptions { Factors = factors, NoiseDegreesOfFreedom = noise, MaxEpochs = 300, ValidationFraction = 0.02, Patience = 40, StoredSamples = 32 });
            }
        }

        foreach (var samples in new[] { 16, 64 })
        {
            configurations.Add(new RatingModelOptions { Factors = 10, NoiseDegreesOfFreedom = 16, MaxEpochs = 300, ValidationFraction = 0.02, Patience = 40, StoredSamples = samples });
        }

        foreach (var (fraction, patience) in new[] { (0.05, 20), (0.05, 40), (0.0, 40) })
        {
            configurations.Add(new RatingModelOptions { Factors = 10, NoiseDegreesOfFreedom = 16, MaxEpochs = 300, ValidationFraction = fraction, Patience = patience, StoredSamples = 32 });
        }

        foreach (var maxEpochs in new[] { 100, 200 })
        {
            configurations.Add(new RatingModelOptions { Factors = 10, NoiseDegreesOfFreedom = 16, MaxEpochs = maxEpochs, ValidationFraction = 0.02, Patience = 40, StoredSamples = 32 });
        }

        foreach (var options in configurations)
        {
            var watch = Stopwatch.StartNew();
            var (inner, innerValidation) = RecommenderTrainer.SplitValidation(fit, options.ValidationFraction, 42);
            var result = new FactorTrainer(options, 42).Train(inner, innerValidation, null, CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            var rmse = Rmse(result.Model, fit, validation);
            var gibbs = options.Method == RatingModelMethod.Gibbs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {options.Method}{(gibbs ? "" : $" (L2 {options.Regularization})")} | {options.Factors} | {(gibbs ? options.NoiseDegreesOfFreedom.ToString(CultureInfo.InvariantCulture) : "-")} | {(gibbs ? options.StoredSamples : 1)} | {options.ValidationFraction} | {options.Patience} | {options.MaxEpochs} | {result.Epochs} | {rmse:F4} | {seconds:F1} |"));
        }

        Console.WriteLine();
    }

    private static double Rmse(FactorModel model, RatingMatrix fit, RatingMatrix validation)
    {
        double squared = 0;
        for (var user = 0; user < validation.UserCount; user++)
        {
            var items = validation.ItemsOf(user);
            if (items.Length == 0)
            {
                continue;
            }

            var person = model.FoldIn(fit.ItemsOf(user), fit.StarsOf(user));
            var stars = validation.StarsOf(user);
            for (var k = 0; k < items.Length; k++)
            {
                squared += Math.Pow(model.Predict(person, items[k]) - stars[k], 2);
            }
        }

        return Math.Sqrt(squared / validation.Count);
    }

    private static void TuneRankingModel()
    {
        var datasets = new[] { ("ml-100k", TestData.MovieLens100k), ("ml-latest-small", TestData.MovieLensSmall) }
            .Select(d =>
            {
                var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(d.Item2).Catalog;
                var split = TopNSplit.PerUser(TrainingData.Create(catalog.Ratings, []).Ratings, 0.2, 2024);
                return (Name: d.Item1, Validation: TopNSplit.PerUser(split.Train, 0.2, ValidationSeed));
            })
            .ToList();

        Console.WriteLine("### Ranking model and item-kNN, validation NDCG@10 (per-user 80/20 of each top-N training split)");
        Console.WriteLine();
        Console.WriteLine("| model | " + string.Join(" | ", datasets.Select(d => $"{d.Name} NDCG@10 | blockbusters | coverage | train s")) + " |");
        Console.WriteLine("|---|" + string.Concat(datasets.Select(_ => "---:|---:|---:|---:|")));

        foreach (var k in new[] { 10, 20, 50, 100, 200 })
        {
            Row($"item-kNN k={k}", datasets.Select(d => Measure(d.Validation, () => Scorers.ItemKnn(ItemKnnModel.Train(d.Validation.Train, k)))));
        }

        foreach (var exponent in new[] { 0.0, 1, 2, 3 })
        {
            foreach (var l2 in new[] { 25.0, 50, 100, 200, 400 })
            {
                var options = new RankingModelOptions { L2 = l2, RatingWeightExponent = exponent, MinItemRatings = 3 };
                Row($"EASE p={exponent} λ={l2} min=3", datasets.Select(d => Measure(d.Validation, () => Scorers.Ease(new EaseTrainer(options).Train(d.Validation.Train, null, CancellationToken.None), 0))));
            }
        }

        Console.WriteLine();
    }

    /// <summary>Prints the EASE rows for a chosen (p, λ): item thresholds and popularity penalties.</summary>
    public static void TuneRankingDetails(double exponent, double l2)
    {
        var datasets = new[] { ("ml-100k", TestData.MovieLens100k), ("ml-latest-small", TestData.MovieLensSmall) }
            .Select(d =>
            {
                var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(d.Item2).Catalog;
                var split = TopNSplit.PerUser(TrainingData.Create(catalog.Ratings, []).Ratings, 0.2, 2024);
                return (Name: d.Item1, Validation: TopNSplit.PerUser(split.Train, 0.2, ValidationSeed));
            })
            .ToList();
        Console.WriteLine($"### EASE p={exponent} λ={l2}: movie threshold and popularity penalty (validation)");
        Console.WriteLine();
        Console.WriteLine("| model | " + string.Join(" | ", datasets.Select(d => $"{d.Name} NDCG@10 | blockbusters | coverage | train s")) + " |");
        Console.WriteLine("|---|" + string.Concat(datasets.Select(_ => "---:|---:|---:|---:|")));
        foreach (var min in new[] { 1, 2, 3, 5 })
        {
            var options = new RankingModelOptions { L2 = l2, RatingWeightExponent = exponent, MinItemRatings = min };
            Row($"min={min} β=0", datasets.Select(d => Measure(d.Validation, () => Scorers.Ease(new EaseTrainer(options).Train(d.Validation.Train, null, CancellationToken.None), 0))));
        }

        var models = datasets.Select(d => new EaseTrainer(new RankingModelOptions { L2 = l2, RatingWeightExponent = exponent, MinItemRatings = 3 }).Train(d.Validation.Train, null, CancellationToken.None)).ToList();
        foreach (var beta in new[] { 0.0, 0.05, 0.1, 0.15, 0.2, 0.3 })
        {
            Row($"min=3 β={beta}", datasets.Select((d, k) => Measure(d.Validation, () => Scorers.Ease(models[k], beta))));
        }

        Console.WriteLine();
    }

    private static (TopNMetrics Metrics, double Seconds) Measure(TopNSplit split, Func<ItemScorer> train)
    {
        var watch = Stopwatch.StartNew();
        var scorer = train();
        var seconds = watch.Elapsed.TotalSeconds;
        return (TopNEvaluator.Evaluate(split.Cases, scorer, split.Train.ItemRatingCounts(), 10), seconds);
    }

    private static void Row(string name, IEnumerable<(TopNMetrics Metrics, double Seconds)> cells) =>
        Console.WriteLine($"| {name} | " + string.Join(" | ", cells.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Metrics.Ndcg:F4} | {c.Metrics.BlockbusterShare:F3} | {c.Metrics.Coverage:F3} | {c.Seconds:F1}"))) + " |");
}
