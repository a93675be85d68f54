using ChatBot.Core.Recommendations;

namespace ChatBot.Recommendations.Training;

/// <summary>Loads or trains the recommender model for command-line verbs, through the training pipeline.</summary>
internal sealed class RecommenderWarmup(RecommenderTrainingPipeline pipeline) : IRecommenderWarmup
{
    public async Task<bool> EnsureModelAsync(bool trainIfMissing, CancellationToken cancellationToken)
    {
        if (pipeline.TryLoad())
        {
            return true;
        }

        if (!trainIfMissing)
        {
            return false;
        }

        await pipeline.TrainAsync(progress: null, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
