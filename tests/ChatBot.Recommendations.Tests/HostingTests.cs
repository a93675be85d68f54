using System.Text.Json;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Serving;
using ChatBot.Recommendations.Training;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations.Tests;

public sealed class HostingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TemporaryFolder _folder = new("chatbot-recommender");
    private readonly string _catalog;
    private readonly string _data;

    public HostingTests()
    {
        _catalog = _folder.Combine("ml-mini");
        _data = _folder.Combine("data");
        Directory.CreateDirectory(_catalog);
        MiniMovieLens.WriteCsv(_catalog);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AddRecommendations_InvalidSetting_ValidationNamesTheKey()
    {
        var settings = HostHarness.SmallSettings(_data, _catalog);
        settings["Recommender:RatingModel:Factors"] = "0";
        settings["Recommender:RankingModel:L2"] = "-1";
        using var host = HostHarness.Build(settings);

        var exception = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Recommender:RatingModel:Factors must be 1 to 64", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Recommender:RankingModel:L2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecommendations_Resolves_RecommenderAndVerbs()
    {
        using var host = HostHarness.Build(HostHarness.SmallSettings(_data, _catalog));

        var recommender = host.Services.GetRequiredService<IRecommender>();

        Assert.Same(host.Services.GetRequiredService<CollaborativeRecommender>(), recommender);
        var verbs = host.Services.GetServices<ICommandLineVerb>().Select(v => v.Name).ToList();
        Assert.Contains("train", verbs);
        Assert.Contains("eval", verbs);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is RecommenderTrainingService);
        Assert.Equal("popularity", recommender.Name);
    }

    [Fact]
    public async Task TrainingService_NewRatings_Retrains()
    {
        var time = new SignallingTimeProvider();
        using var host = HostHarness.Build(HostHarness.SmallSettings(_data, _catalog), time);
        var recommender = host.Services.GetRequiredService<CollaborativeRecommender>();
        var swaps = new List<TaskCompletionSource<RecommenderModel>> { new(), new() };
        var swapCount = 0;
        recommender.ModelSwapped += (_, model) => swaps[Math.Min(Interlocked.Increment(ref swapCount), 2) - 1].TrySetResult(model);
        var firstWait = time.NextRetrainWait;

        await host.StartAsync();
        var first = await swaps[0].Task.WaitAsync(Timeout);
        await firstWait.WaitAsync(Timeout);
        var store = host.Services.GetRequiredService<IRatingStore>();
        foreach (var movieId in new[] { 1, 3, 5 })
        {
            store.Upsert(personId: 77, movieId, Stars.FromValue(5), time.GetUtcNow());
        }

        time.Advance(TimeSpan.FromSeconds(HostHarness.RetrainCheckSeconds));
        var second = await swaps[1].Task.WaitAsync(Timeout);
        await host.StopAsync();

        Assert.Equal(0, first.Info.PersonRatings);
        Assert.Equal(3, second.Info.PersonRatings);
        Assert.Equal(1, second.Info.People);
        Assert.True(File.Exists(Path.Combine(_data, "recommender.model")));
        Assert.Equal(second.Info, ModelFile.Load(Path.Combine(_data, "recommender.model")).Info);
        Assert.Equal("collaborative", recommender.Name);
    }

    [Fact]
    public async Task TrainingService_SavedModel_LoadsItWithoutTraining()
    {
        var settings = HostHarness.SmallSettings(_data, _catalog);
        RecommenderModel saved;
        using (var trainingHost = HostHarness.Build(settings))
        {
            saved = await trainingHost.Services.GetRequiredService<RecommenderTrainingPipeline>().TrainAsync(null, CancellationToken.None);
        }

        settings["Recommender:TrainInBackground"] = "false";
        using var host = HostHarness.Build(settings);
        var recommender = host.Services.GetRequiredService<CollaborativeRecommender>();
        var loaded = new TaskCompletionSource<RecommenderModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        recommender.ModelSwapped += (_, model) => loaded.TrySetResult(model);

        await host.StartAsync();
        var model = await loaded.Task.WaitAsync(Timeout);
        await host.StopAsync();

        Assert.Equal(saved.Info, model.Info);
    }

    [Fact]
    public async Task TrainVerb_Run_WritesLoadableModel()
    {
        using var host = HostHarness.Build(HostHarness.SmallSettings(_data, _catalog));
        var verb = host.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == "train");

        var exitCode = await verb.RunAsync([], CancellationToken.None);

        Assert.Equal(0, exitCode);
        var model = ModelFile.Load(Path.Combine(_data, "recommender.model"));
        Assert.Equal("ml-mini", model.Info.CatalogName);
        Assert.True(model.Info.Epochs > 0);
        Assert.Equal("collaborative", host.Services.GetRequiredService<IRecommender>().Name);
    }

    [Fact]
    public async Task TrainVerb_UnknownArgument_ReturnsUsageError()
    {
        using var host = HostHarness.Build(HostHarness.SmallSettings(_data, _catalog));
        var verb = host.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == "train");

        Assert.Equal(2, await verb.RunAsync(["--fast"], CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_data, "recommender.model")));
    }

    [Fact]
    public async Task EvalVerb_Json_OneObjectPerResult()
    {
        var ml100k = _folder.Combine("ml-100k-mini");
        Directory.CreateDirectory(ml100k);
        MiniMovieLens.WriteMl100k(ml100k);
        var json = _folder.Combine("eval.json");
        using var host = HostHarness.Build(HostHarness.SmallSettings(_data, _catalog));
        var verb = host.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == "eval");

        var exitCode = await verb.RunAsync([ml100k, "--json", json, "--protocol", "rating-u1-u5", "--protocol", "topn-random-80-20"], CancellationToken.None);

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var objects = document.RootElement.EnumerateArray().ToList();
        var keys = objects.Select(o => (o.GetProperty("dataset").GetString(), o.GetProperty("protocol").GetString(), o.GetProperty("model").GetString())).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(5, objects.Count(o => o.GetProperty("protocol").GetString() == "rating-u1-u5"));
        Assert.Equal(6, objects.Count(o => o.GetProperty("protocol").GetString() == "topn-random-80-20"));
        Assert.All(objects, o => Assert.Equal("ml-100k-mini", o.GetProperty("dataset").GetString()));
        var gibbs = objects.Single(o => o.GetProperty("model").GetString() == "biased-mf-gibbs").GetProperty("metrics");
        Assert.InRange(gibbs.GetProperty("rmse").GetDouble(), 0.1, 2);
        Assert.True(gibbs.TryGetProperty("mae", out _));
        Assert.True(objects.Last().GetProperty("metrics").TryGetProperty("ndcg@10", out _));
    }

    [Fact]
    public async Task EvalVerb_MissingFolder_ReturnsUsageError()
    {
        using var host = HostHarness.Build(HostHarness.SmallSettings(_data, _catalog));
        var verb = host.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == "eval");

        Assert.Equal(2, await verb.RunAsync([_folder.Combine("no-such-folder")], CancellationToken.None));
        Assert.Equal(2, await verb.RunAsync(["--protocol", "everything"], CancellationToken.None));
    }
}
