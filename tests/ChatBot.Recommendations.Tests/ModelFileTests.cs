using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Serving;
using ChatBot.TestSupport;

namespace ChatBot.Recommendations.Tests;

public sealed class ModelFileTests(Ml100kModelFixture fixture) : IClassFixture<Ml100kModelFixture>
{
    [Fact]
    public void SaveThenLoad_RoundTrip_SameRecommendations()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("models", "recommender.model");

        ModelFile.Save(fixture.Model, path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(fixture.Model.Info, loaded.Info);
        Assert.Equal(fixture.Model.Items.MovieIds, loaded.Items.MovieIds);
        Assert.Equal(fixture.Model.RankingModel.Weights, loaded.RankingModel.Weights);
        Assert.Equal(fixture.Model.RatingModel.Samples.Count, loaded.RatingModel.Samples.Count);
        for (var user = 0; user < 200; user += 50)
        {
            var query = new RecommendationQuery { Ratings = fixture.RatingsOf(user) };
            Assert.Equal(fixture.CreateRecommender(fixture.Model).Recommend(query), fixture.CreateRecommender(loaded).Recommend(query));
        }
    }

    [Fact]
    public void Save_ExistingFile_ReplacedWithoutLeavingTemporaryFiles()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("recommender.model");
        File.WriteAllText(path, "an older model");

        ModelFile.Save(fixture.Model, path);

        Assert.Equal(fixture.Model.Info, ModelFile.Load(path).Info);
        Assert.Equal(["recommender.model"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingFile()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("recommender.model");
        ModelFile.Save(fixture.Model, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var exception = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("train", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherFile_ThrowsInvalidData()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("recommender.model");
        File.WriteAllText(path, "movieId,title,genres\n1,Toy Story (1995),Animation\n");

        Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
    }
}
