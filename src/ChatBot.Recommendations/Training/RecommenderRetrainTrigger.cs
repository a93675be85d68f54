using System.Globalization;
using ChatBot.Core.Hosting;

namespace ChatBot.Recommendations.Training;

/// <summary>Retrains the recommender in the running host when an operator asks (the "retrain" verb through the control socket).</summary>
internal sealed class RecommenderRetrainTrigger(RecommenderTrainingPipeline pipeline) : IRetrainTrigger
{
    public async Task<string> RetrainAsync(CancellationToken cancellationToken)
    {
        var model = await pipeline.TrainAsync(progress: null, cancellationToken).ConfigureAwait(false);
        var info = model.Info;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Retrained the recommender on {info.CatalogRatings} catalog and {info.PersonRatings} people's ratings in {info.TrainingTime.TotalSeconds:F1} s (validation RMSE {info.ValidationRmse:F4}) and saved it in the data folder; a running bot serves it at once, a stopped one from its next start.");
    }
}
