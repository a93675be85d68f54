using ChatBot.Catalog;
using ChatBot.Core.Hosting;
using ChatBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Recommendations.Tests;

/// <summary>A host built the way the product's host composes modules, over a temporary data folder and a given catalog folder.</summary>
internal static class HostHarness
{
    public const int RetrainCheckSeconds = 30;

    /// <summary>Settings that train in well under a second on the mini catalogs.</summary>
    public static Dictionary<string, string?> SmallSettings(string dataFolder, string catalogFolder) => new()
    {
        ["Data:Directory"] = dataFolder,
        ["Catalog:MovieLensPath"] = catalogFolder,
        ["Recommender:RetrainAfterRatings"] = "3",
        ["Recommender:RetrainCheckSeconds"] = RetrainCheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Recommender:RatingModel:Factors"] = "3",
        ["Recommender:RatingModel:MaxEpochs"] = "20",
        ["Recommender:RatingModel:BurnInEpochs"] = "5",
        ["Recommender:RatingModel:StoredSamples"] = "4",
        ["Recommender:RankingModel:MinItemRatings"] = "1",
        ["Recommender:RankingModel:L2"] = "10",
    };

    public static IHost Build(Dictionary<string, string?> settings, TimeProvider? timeProvider = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddCatalog(builder.Configuration);
        services.AddStorage();
        services.AddRecommendations(builder.Configuration);
        return builder.Build();
    }
}

/// <summary>Fake time that reports each timer the code under test creates with the retrain interval.</summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    private TaskCompletionSource _retrainTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes when the next retrain-check delay starts waiting.</summary>
    public Task NextRetrainWait => Volatile.Read(ref _retrainTimer).Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == TimeSpan.FromSeconds(HostHarness.RetrainCheckSeconds))
        {
            Interlocked.Exchange(ref _retrainTimer, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        }

        return timer;
    }
}
