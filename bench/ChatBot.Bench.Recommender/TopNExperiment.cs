using System.Diagnostics;
using System.Globalization;
using ChatBot.Catalog.MovieLens;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Evaluation;
using ChatBot.Recommendations.Ranking;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

static class TopNExperiment
{
    public static void Run(string[] args)
    {
        var folder = args[0] == "small" ? TestData.MovieLensSmall : TestData.MovieLens100k;
        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(folder).Catalog;
        var data = TrainingData.Create(catalog.Ratings, []);
        var split = TopNSplit.PerUser(data.Ratings, 0.2, 2024);
        var counts = split.Train.ItemRatingCounts();
        void Report(string name, ItemScorer scorer)
        {
            var m = TopNEvaluator.Evaluate(split.Cases, scorer, counts, 10);
            Console.WriteLine($"{name,-28} recall {m.Recall:F4} ndcg {m.Ndcg:F4} users {m.Users} blockbuster {m.BlockbusterShare:F3} coverage {m.Coverage:F3} pct {m.MeanPopularityPercentile:F1}");
        }

        Report("most-rated", Scorers.MostRated(counts));
        Report("damped-mean", Scorers.DampedMean(split.Train, 10));
        foreach (var k in args[1].Split(',').Select(int.Parse))
        {
            Report($"item-knn k={k}", Scorers.ItemKnn(ItemKnnModel.Train(split.Train, k)));
        }

        foreach (var spec in args[2].Split(','))
        {
            var parts = spec.Split(':');
            var options = new RankingModelOptions { L2 = double.Parse(parts[0], CultureInfo.InvariantCulture), MinItemRatings = int.Parse(parts[1]) };
            var sw = Stopwatch.StartNew();
            var model = new EaseTrainer(options).Train(split.Train, null, CancellationToken.None);
            var elapsed = sw.Elapsed.TotalSeconds;
            foreach (var beta in args[3].Split(',').Select(b => double.Parse(b, CultureInfo.InvariantCulture)))
            {
                Report($"ease l2={options.L2} min={options.MinItemRatings} b={beta}", Scorers.Ease(model, beta));
            }

            Console.WriteLine($"  items {model.ModelItems.Length} train {elapsed:F1}s");
        }
    }
}
