using ChatBot.Catalog;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Serving;
using ChatBot.Recommendations.Training;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Recommendations.Tests;

/// <summary>The real ml-100k catalog and two small models trained on its ratings once for all tests that share it.</summary>
public sealed class Ml100kModelFixture
{
    public Ml100kModelFixture()
    {
        Catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLens100k).Catalog;
        Data = TrainingData.Create(Catalog.Ratings, []);
        Options = SmallOptions(seed: 42);
        Model = new RecommenderTrainer(Options, TimeProvider.System).Train(Data, Catalog.Name, null, CancellationToken.None);
        var other = SmallOptions(seed: 7);
        other.RankingModel.L2 = 1000;
        OtherModel = new RecommenderTrainer(other, TimeProvider.System).Train(Data, Catalog.Name, null, CancellationToken.None);
    }

    public MovieCatalog Catalog { get; }

    public TrainingData Data { get; }

    public RecommenderOptions Options { get; }

    /// <summary>Gets the model most tests serve.</summary>
    public RecommenderModel Model { get; }

    /// <summary>Gets a second model with other settings, whose lists differ from <see cref="Model"/>'s.</summary>
    public RecommenderModel OtherModel { get; }

    /// <summary>Settings that train in a few seconds on ml-100k.</summary>
    public static RecommenderOptions SmallOptions(int seed) => new()
    {
        Seed = seed,
        RatingModel = new RatingModelOptions { Factors = 4, MaxEpochs = 25, BurnInEpochs = 10, StoredSamples = 4, NoiseDegreesOfFreedom = 16 },
    };

    public CollaborativeRecommender CreateRecommender(RecommenderModel? model = null)
    {
        var recommender = new CollaborativeRecommender(Catalog, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<CollaborativeRecommender>.Instance);
        recommender.Swap(model ?? Model);
        return recommender;
    }

    /// <summary>Returns a catalog user's ratings in the recommender's form.</summary>
    public IReadOnlyList<MovieRating> RatingsOf(int user) =>
        [.. Data.Ratings.ItemsOf(user).ToArray().Select((item, k) => new MovieRating(Data.Items.MovieIds[item], Data.Ratings.StarsOf(user)[k]))];
}
