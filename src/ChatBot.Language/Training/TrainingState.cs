using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Language.Training;

/// <summary>The progress of a training run, stored in a resumable checkpoint as trainer-state.json.</summary>
internal sealed record TrainingState
{
    [JsonPropertyName("step")]
    public long Step { get; init; }

    [JsonPropertyName("epoch")]
    public int Epoch { get; init; }

    [JsonPropertyName("batch_in_epoch")]
    public int BatchInEpoch { get; init; }

    [JsonPropertyName("best_validation_loss")]
    public double? BestValidationLoss { get; init; }

    [JsonPropertyName("evaluations_without_improvement")]
    public int EvaluationsWithoutImprovement { get; init; }

    [JsonPropertyName("tokens")]
    public long Tokens { get; init; }

    [JsonPropertyName("elapsed_seconds")]
    public double ElapsedSeconds { get; init; }

    [JsonPropertyName("training_examples")]
    public int TrainingExamples { get; init; }

    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    public static TrainingState Read(string path) =>
        JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(path))
        ?? throw new InvalidDataException($"The training state '{path}' is empty.");

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));
}
