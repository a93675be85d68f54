using ChatBot.Core.People;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations.Training;

/// <summary>
/// Loads the saved model when the host starts, trains one when there is none, and retrains whenever
/// <see cref="RecommenderOptions.RetrainAfterRatings"/> rating changes have arrived. Training runs on its own
/// thread while replies keep being served from the previous model (or popularity).
/// </summary>
public sealed partial class RecommenderTrainingService(
    RecommenderTrainingPipeline pipeline,
    IRatingStore ratingStore,
    IOptions<RecommenderOptions> options,
    TimeProvider timeProvider,
    ILogger<RecommenderTrainingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarted(logger, settings.TrainInBackground, settings.RetrainAfterRatings);
        try
        {
            // Let the host finish starting before the catalog and the model are read.
            await Task.Yield();
            var loaded = pipeline.TryLoad();
            var baseline = ratingStore.ChangeCount;
            if (!settings.TrainInBackground)
            {
                return;
            }

            if (!loaded)
            {
                baseline = await TrainAsync("no saved model", stoppingToken).ConfigureAwait(false);
            }

            var interval = TimeSpan.FromSeconds(settings.RetrainCheckSeconds);
            while (true)
            {
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
                var changes = ratingStore.ChangeCount - baseline;
                if (changes >= settings.RetrainAfterRatings)
                {
                    baseline = await TrainAsync($"{changes} rating changes", stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            LogStopped(logger);
        }
    }

    /// <summary>Trains and returns the change count the next retrain is measured from; a failed run is logged and not retried until more ratings arrive.</summary>
    private async Task<long> TrainAsync(string reason, CancellationToken stoppingToken)
    {
        var changeCount = ratingStore.ChangeCount;
        LogRetraining(logger, reason);
        try
        {
            await pipeline.TrainAsync(progress: null, stoppingToken).ConfigureAwait(false);
            return pipeline.TrainedChangeCount;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogTrainingFailed(logger, exception);
            return changeCount;
        }
    }

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Recommender training service started (background training {Enabled}, retrain after {Threshold} rating changes).")]
    private static partial void LogStarted(ILogger logger, bool enabled, int threshold);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Recommender training service stopped.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 123, Level = LogLevel.Information, Message = "Training the recommender in the background: {Reason}.")]
    private static partial void LogRetraining(ILogger logger, string reason);

    [LoggerMessage(EventId = 124, Level = LogLevel.Error, Message = "Training the recommender failed. The current model (or popularity) stays in service until the next retrain.")]
    private static partial void LogTrainingFailed(ILogger logger, Exception exception);
}
