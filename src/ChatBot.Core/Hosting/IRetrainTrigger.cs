namespace ChatBot.Core.Hosting;

/// <summary>
/// Retrains the recommender on the ratings stored so far and swaps the new model in. The project that
/// trains the recommender registers one; the "retrain" command and the host's control socket call it.
/// </summary>
public interface IRetrainTrigger
{
    /// <summary>Retrains now and returns a one-line summary for the operator ("trained on 1234 ratings in 8.2 s").</summary>
    Task<string> RetrainAsync(CancellationToken cancellationToken);
}
