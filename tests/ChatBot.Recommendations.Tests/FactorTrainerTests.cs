using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Training;

namespace ChatBot.Recommendations.Tests;

public sealed class FactorTrainerTests
{
    private const int Users = 120;
    private const int Items = 80;

    [Theory]
    [InlineData(RatingModelMethod.Gibbs)]
    [InlineData(RatingModelMethod.Als)]
    public void Train_LowRankMatrix_RecoversHeldOutRatings(RatingModelMethod method)
    {
        var (train, test) = SyntheticRatings.Split(Users, Items, SyntheticRatings.Full(Users, Items, rank: 3, noise: 0.1, seed: 5), observed: 0.5, seed: 6);
        var options = new RatingModelOptions { Method = method, Factors = 3, MaxEpochs = 60, BurnInEpochs = 10, Regularization = 1 };

        var result = new FactorTrainer(options, seed: 1).Train(train, null, null, CancellationToken.None);

        var heldOut = Rmse(result.Model, train, test);
        var spread = Math.Sqrt(test.Stars.Select(s => Math.Pow(s - test.MeanStars(), 2)).Average());
        Assert.True(spread > 1.0, $"The synthetic ratings should vary (standard deviation {spread:F3}).");
        Assert.True(heldOut < 0.25, $"Held-out RMSE {heldOut:F3} should be near the 0.1 noise, far below the {spread:F3} spread.");
    }

    [Fact]
    public void FoldIn_TrainingUser_ReproducesTrainedFactors()
    {
        var (train, _) = SyntheticRatings.Split(Users, Items, SyntheticRatings.Full(Users, Items, rank: 3, noise: 0.1, seed: 7), observed: 0.5, seed: 8);
        var options = new RatingModelOptions { Method = RatingModelMethod.Als, Factors = 3, MaxEpochs = 80, ValidationFraction = 0, Regularization = 1 };

        var result = new FactorTrainer(options, seed: 2).Train(train, null, null, CancellationToken.None);

        var model = result.Model;
        var width = model.Width;
        var worst = 0.0;
        for (var user = 0; user < Users; user += 7)
        {
            var folded = model.FoldIn(train.ItemsOf(user), train.StarsOf(user)).Row(0);
            for (var f = 0; f < width; f++)
            {
                worst = Math.Max(worst, Math.Abs(folded[f] - result.UserParameters[(user * width) + f]));
            }
        }

        Assert.True(worst < 0.02, $"Folded-in rows differ from the trained rows by up to {worst:F4}.");
    }

    [Fact]
    public void FoldIn_NewUser_PredictsHeldOutRatings()
    {
        var all = SyntheticRatings.Full(Users, Items, rank: 3, noise: 0.1, seed: 9);
        var matrix = new RatingMatrix(Users, Items, all.Users, all.Items, all.Stars);
        var newcomer = Users - 1;
        var random = new Random(10);
        var training = matrix.Where(k => matrix.Users[k] != newcomer && random.NextDouble() < 0.5);
        var options = new RatingModelOptions { Factors = 3, MaxEpochs = 60, BurnInEpochs = 10 };
        var model = new FactorTrainer(options, seed: 3).Train(training, null, null, CancellationToken.None).Model;

        var items = matrix.ItemsOf(newcomer).ToArray();
        var stars = matrix.StarsOf(newcomer).ToArray();
        var person = model.FoldIn(items[..40], stars[..40]);

        var errors = Enumerable.Range(40, items.Length - 40).Select(k => model.Predict(person, items[k]) - stars[k]).ToArray();
        var rmse = Math.Sqrt(errors.Average(e => e * e));
        Assert.True(rmse < 0.35, $"The folded-in newcomer's RMSE on their other ratings is {rmse:F3}.");
    }

    [Fact]
    public void Train_SameSeed_GivesSameModel()
    {
        var (train, _) = SyntheticRatings.Split(40, 30, SyntheticRatings.Full(40, 30, rank: 2, noise: 0.2, seed: 11), observed: 0.5, seed: 12);
        var options = new RatingModelOptions { Factors = 2, MaxEpochs = 15, BurnInEpochs = 5 };

        var first = new FactorTrainer(options, seed: 4).Train(train, null, null, CancellationToken.None).Model;
        var second = new FactorTrainer(options, seed: 4).Train(train, null, null, CancellationToken.None).Model;

        Assert.Equal(first.Samples.Count, second.Samples.Count);
        Assert.Equal(first.Samples[^1].ItemParameters, second.Samples[^1].ItemParameters);
    }

    [Fact]
    public void Train_ValidationPlateau_StopsEarly()
    {
        var (train, test) = SyntheticRatings.Split(Users, Items, SyntheticRatings.Full(Users, Items, rank: 2, noise: 0.3, seed: 13), observed: 0.3, seed: 14);
        var options = new RatingModelOptions { Method = RatingModelMethod.Als, Factors = 2, MaxEpochs = 500, Patience = 3, MinImprovement = 1e-3, Regularization = 2 };
        var reports = new List<TrainingProgress>();

        var result = new FactorTrainer(options, seed: 5).Train(train, test, new ListProgress(reports), CancellationToken.None);

        Assert.True(result.Epochs < 500, $"Training ran all {result.Epochs} epochs.");
        Assert.Equal(result.Epochs, reports.Count);
        Assert.All(reports, r => Assert.NotNull(r.ValidationRmse));
        Assert.All(reports, r => Assert.NotNull(r.TrainRmse));
        Assert.NotNull(result.ValidationRmse);
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        var (train, _) = SyntheticRatings.Split(20, 20, SyntheticRatings.Full(20, 20, rank: 2, noise: 0.2, seed: 15), observed: 0.5, seed: 16);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => new FactorTrainer(new RatingModelOptions(), seed: 1).Train(train, null, null, cancellation.Token));
    }

    private static double Rmse(FactorModel model, RatingMatrix train, RatingMatrix test)
    {
        double squared = 0;
        for (var user = 0; user < test.UserCount; user++)
        {
            var person = model.FoldIn(train.ItemsOf(user), train.StarsOf(user));
            var items = test.ItemsOf(user);
            var stars = test.StarsOf(user);
            for (var k = 0; k < items.Length; k++)
            {
                squared += Math.Pow(model.Predict(person, items[k]) - stars[k], 2);
            }
        }

        return Math.Sqrt(squared / test.Count);
    }

    private sealed class ListProgress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
