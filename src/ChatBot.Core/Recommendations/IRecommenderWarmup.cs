namespace ChatBot.Core.Recommendations;

/// <summary>
/// Makes the trained recommender model available outside the host's background service, for command-line
/// verbs that rank with it: loads the saved model, or trains one when there is none.
/// </summary>
public interface IRecommenderWarmup
{
    /// <summary>Loads the saved model; when there is none and <paramref name="trainIfMissing"/> is set, trains and saves one. Returns whether a trained model serves.</summary>
    Task<bool> EnsureModelAsync(bool trainIfMissing, CancellationToken cancellationToken);
}
