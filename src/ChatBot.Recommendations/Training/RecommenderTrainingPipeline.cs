using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations.Training;

/// <summary>
/// Loads the saved model, and trains a new one from the catalog's and the people's ratings, saves it atomically
/// in the data folder and swaps it into the <see cref="CollaborativeRecommender"/>. One training runs at a time.
/// </summary>
public sealed partial class RecommenderTrainingPipeline(
    IMovieCatalog catalog,
    IRatingStore ratingStore,
    CollaborativeRecommender recommender,
    IOptions<RecommenderOptions> options,
    IOptions<DataOptions> dataOptions,
    TimeProvider timeProvider,
    ILogger<RecommenderTrainingPipeline> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Gets the full path of the model file.</summary>
    public string ModelPath => dataOptions.Value.Resolve(options.Value.ModelFileName);

    /// <summary>Gets the rating store's change counter as read when the last successful training gathered its ratings.</summary>
    public long TrainedChangeCount { get; private set; }

    /// <summary>Loads the saved model into the recommender; returns false when there is none or it cannot be read (which is logged).</summary>
    public bool TryLoad()
    {
        var path = ModelPath;
        if (!File.Exists(path))
        {
            LogNoSavedModel(logger, path);
            return false;
        }

        try
        {
            var model = ModelFile.Load(path);
            recommender.Swap(model);
            LogModelLoaded(logger, path, model.Info.TrainedAt, model.Info.CatalogName);
            return true;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogModelUnreadable(logger, path, exception);
            return false;
        }
    }

    /// <summary>Trains both models on a long-running thread, saves them atomically, swaps them in and returns them.</summary>
    public async Task<RecommenderModel> TrainAsync(IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read before gathering, so ratings that arrive during training count towards the next retrain.
            var changeCount = ratingStore.ChangeCount;
            LogTrainingStarted(logger, catalog.Name);
            var model = await Task.Factory.StartNew(
                () =>
                {
                    var data = TrainingData.Create(catalog.Ratings, ratingStore.GetAllRatings());
                    return new RecommenderTrainer(options.Value, timeProvider).Train(data, catalog.Name, progress, cancellationToken);
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);

            var path = ModelPath;
            ModelFile.Save(model, path);
            recommender.Swap(model);
            TrainedChangeCount = changeCount;
            var info = model.Info;
            LogTrainingFinished(logger, info.CatalogRatings, info.PersonRatings, info.Epochs, info.ValidationRmse ?? double.NaN, info.TrainingTime.TotalSeconds, path);
            return model;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "No saved recommender model at {Path}.")]
    private static partial void LogNoSavedModel(ILogger logger, string path);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Loaded the recommender model {Path} trained at {TrainedAt:u} on {Catalog}.")]
    private static partial void LogModelLoaded(ILogger logger, string path, DateTimeOffset trainedAt, string catalog);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "The recommender model {Path} cannot be read; serving popularity until a new model is trained.")]
    private static partial void LogModelUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Training the recommender on {Catalog} and the people's ratings.")]
    private static partial void LogTrainingStarted(ILogger logger, string catalog);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information, Message = "Trained the recommender on {CatalogRatings} catalog and {PersonRatings} people's ratings: {Epochs} epochs, validation RMSE {ValidationRmse:F4}, {Seconds:F1} s; saved to {Path}.")]
    private static partial void LogTrainingFinished(ILogger logger, int catalogRatings, int personRatings, int epochs, double validationRmse, double seconds, string path);
}
