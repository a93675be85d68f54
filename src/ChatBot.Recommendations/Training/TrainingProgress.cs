namespace ChatBot.Recommendations.Training;

/// <summary>One progress report of a training run.</summary>
/// <param name="Stage">What is being trained: "rating model" or "ranking model".</param>
/// <param name="Epoch">Epochs finished so far.</param>
/// <param name="MaxEpochs">The epoch limit; training may stop earlier.</param>
/// <param name="TrainRmse">RMSE on the training ratings, in stars, when the stage measures it.</param>
/// <param name="ValidationRmse">RMSE on the held-out validation ratings, in stars, when there are any.</param>
public sealed record TrainingProgress(string Stage, int Epoch, int MaxEpochs, double? TrainRmse = null, double? ValidationRmse = null);
