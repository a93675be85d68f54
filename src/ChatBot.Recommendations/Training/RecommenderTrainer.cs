using System.Diagnostics;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;
using ChatBot.Recommendations.Serving;
using TorchSharp;

namespace ChatBot.Recommendations.Training;

/// <summary>Trains both models of a <see cref="RecommenderModel"/> from one set of ratings.</summary>
public sealed class RecommenderTrainer(RecommenderOptions options, TimeProvider timeProvider)
{
    /// <summary>
    /// Trains the rating model (holding out <see cref="RatingModelOptions.ValidationFraction"/> of the ratings for
    /// early stopping) and the ranking model (on all ratings). Runs synchronously on the calling thread.
    /// </summary>
    public RecommenderModel Train(TrainingData data, string catalogName, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var stopwatch = Stopwatch.StartNew();
        torch.set_num_threads(options.TrainingThreads);

        var (train, validation) = SplitValidation(data.Ratings, options.RatingModel.ValidationFraction, options.Seed);
        var rating = new FactorTrainer(options.RatingModel, options.Seed).Train(train, validation, progress, cancellationToken);
        var ranking = new EaseTrainer(options.RankingModel).Train(data.Ratings, progress, cancellationToken);

        var personRatings = data.Ratings.Count - CountCatalogRatings(data);
        var info = new ModelInfo(
            timeProvider.GetUtcNow(),
            catalogName,
            data.Ratings.Count - personRatings,
            personRatings,
            data.PersonCount,
            options.Seed,
            stopwatch.Elapsed,
            rating.Epochs,
            rating.ValidationRmse);
        return new RecommenderModel(data.Items, rating.Model, ranking, info);
    }

    /// <summary>Holds out each rating with probability <paramref name="fraction"/> for validation, except the ratings of users who have only one.</summary>
    internal static (RatingMatrix Train, RatingMatrix? Validation) SplitValidation(RatingMatrix ratings, double fraction, int seed)
    {
        if (fraction <= 0)
        {
            return (ratings, null);
        }

        var random = new Random(seed);
        var isValidation = new bool[ratings.Count];
        var offset = 0;
        for (var user = 0; user < ratings.UserCount; user++)
        {
            var count = ratings.CountOf(user);
            for (var k = 0; k < count; k++)
            {
                isValidation[offset + k] = count > 1 && random.NextDouble() < fraction;
            }

            offset += count;
        }

        var validation = ratings.Where(k => isValidation[k]);
        return validation.Count == 0 ? (ratings, null) : (ratings.Where(k => !isValidation[k]), validation);
    }

    private static int CountCatalogRatings(TrainingData data)
    {
        var count = 0;
        foreach (var user in data.Ratings.Users)
        {
            if (user < data.CatalogUserCount)
            {
                count++;
            }
        }

        return count;
    }
}
