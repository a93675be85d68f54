using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Evaluation;
using ChatBot.Recommendations.Ranking;
using ChatBot.TestSupport;

namespace ChatBot.Recommendations.Tests;

public sealed class EvaluationTests
{
    [Fact]
    public void Ndcg_KnownRanks_MatchesHandValue()
    {
        var relevant = new HashSet<int> { 7, 9, 11 };

        var ndcg = RankingMetrics.Ndcg([7, 1, 9, 2], relevant, cutoff: 10);

        var expected = (1 + (1 / Math.Log2(4))) / (1 + (1 / Math.Log2(3)) + (1 / Math.Log2(4)));
        Assert.Equal(expected, ndcg, 12);
    }

    [Fact]
    public void Recall_MoreRelevantThanCutoff_DividesByCutoff()
    {
        var relevant = Enumerable.Range(0, 20).ToHashSet();

        Assert.Equal(0.5, RankingMetrics.Recall([0, 1, 2, 3, 4, 100, 101, 102, 103, 104], relevant, cutoff: 10));
        Assert.Equal(1.0, RankingMetrics.Recall([50, 3], new HashSet<int> { 3 }, cutoff: 10));
        Assert.Equal(0.0, RankingMetrics.Recall([1], new HashSet<int>(), cutoff: 10));
    }

    [Fact]
    public void TopKSelect_Ties_LowerPositionWins()
    {
        float[] scores = [0.5f, float.NaN, 2f, 2f, float.NegativeInfinity, 1f];

        Assert.Equal([2, 3, 5], TopK.Select(scores, 3));
        Assert.Equal([3, 5], TopK.Select(scores, 2, position => position != 2));
        Assert.Equal([2, 3, 5, 0], TopK.Select(scores, 10));
    }

    [Fact]
    public void PerUserSplit_HeldOut_NotInTraining()
    {
        var (users, items, stars) = SyntheticRatings.Full(30, 25, rank: 2, noise: 0.5, seed: 3);
        var all = new RatingMatrix(30, 25, users, items, stars);

        var split = TopNSplit.PerUser(all, 0.2, seed: 1);

        Assert.Equal(all.Count - (30 * 5), split.Train.Count);
        Assert.NotEmpty(split.Cases);
        foreach (var testCase in split.Cases)
        {
            var trained = split.Train.ItemsOf(testCase.User).ToArray();
            Assert.Empty(trained.Intersect(testCase.HeldOutItems));
            Assert.Equal(trained, testCase.InputItems);
            Assert.All(testCase.Relevant, item => Assert.Contains(item, testCase.HeldOutItems));
        }
    }

    [Fact]
    public void HeldOutUsers_Split_AbsentFromTraining()
    {
        var (users, items, stars) = SyntheticRatings.Full(50, 20, rank: 2, noise: 0.5, seed: 4);
        var all = new RatingMatrix(50, 20, users, items, stars);

        var (without, with, cases) = TopNSplit.HeldOutUsers(all, 0.1, 0.2, seed: 2);

        Assert.Equal(5, Enumerable.Range(0, 50).Count(user => without.CountOf(user) == 0));
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Equal(0, without.CountOf(c.User)));
        Assert.All(cases, c => Assert.Equal(c.InputItems, with.ItemsOf(c.User).ToArray()));
    }

    [Fact]
    public void ReadMl100k_SplitFiles_MapsUsersAndItems()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllLines(folder.Combine("u1.base"), ["1\t10\t4\t0", "1\t20\t3\t0", "2\t10\t5\t0"]);
        File.WriteAllLines(folder.Combine("u1.test"), ["2\t20\t2\t0", "3\t30\t1\t0"]);

        var split = RatingSplit.ReadMl100k(folder.Path, "u1");

        Assert.Equal([10, 20], split.Train.Items.MovieIds);
        Assert.Equal(3, split.Train.Ratings.UserCount);
        Assert.Equal([20, 30], split.TestMovieIds);
        Assert.Equal(-1, split.Train.Items.IndexOf(30));
        Assert.Equal(0, split.Train.Ratings.CountOf(split.TestUsers[1]));
    }

    [Fact]
    public void ReadMl100k_MalformedLine_NamesFileAndLine()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllLines(folder.Combine("u1.base"), ["1\t10\t4\t0", "one\tten"]);
        File.WriteAllLines(folder.Combine("u1.test"), []);

        var exception = Assert.Throws<InvalidDataException>(() => RatingSplit.ReadMl100k(folder.Path, "u1"));

        Assert.Contains("u1.base:2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TwoTasteGroups_EaseBeatsMostRated()
    {
        using var folder = new TemporaryFolder();
        MiniMovieLens.WriteCsv(folder.Path, users: 80, movies: 40);
        var catalog = new ChatBot.Catalog.MovieLens.MovieLensLoader(Microsoft.Extensions.Logging.Abstractions.NullLogger<ChatBot.Catalog.MovieLens.MovieLensLoader>.Instance)
            .Load(folder.Path).Catalog;
        var data = TrainingData.Create(catalog.Ratings, []);
        var split = TopNSplit.PerUser(data.Ratings, 0.2, seed: 3);
        var counts = split.Train.ItemRatingCounts();

        var ease = TopNEvaluator.Evaluate(split.Cases, Scorers.Ease(new EaseTrainer(new RankingModelOptions { L2 = 10, MinItemRatings = 1 }).Train(split.Train, null, CancellationToken.None), 0), counts, 10);
        var popular = TopNEvaluator.Evaluate(split.Cases, Scorers.MostRated(counts), counts, 10);

        Assert.True(ease.Ndcg > popular.Ndcg * 1.2, $"EASE NDCG@10 {ease.Ndcg:F3}, most-rated {popular.Ndcg:F3}.");
        Assert.InRange(ease.Coverage, 0.01, 1);
    }
}
