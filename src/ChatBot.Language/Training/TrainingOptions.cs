namespace ChatBot.Language.Training;

/// <summary>Hyperparameters and limits of one training run.</summary>
public sealed record TrainingOptions
{
    /// <summary>Gets the number of sequences per step. Default: 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Gets the peak learning rate of AdamW. Default: 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Gets the learning rate at the end of the cosine decay, as a fraction of the peak. Default: 0.1.</summary>
    public double FinalLearningRateFraction { get; init; } = 0.1;

    /// <summary>Gets the number of steps of linear warm-up. Default: 200.</summary>
    public int WarmupSteps { get; init; } = 200;

    /// <summary>Gets AdamW's decoupled weight decay. Default: 0.01.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gets the maximum global gradient norm; larger gradients are scaled down. Default: 1.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Gets the number of passes over the training examples. Default: 2.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Gets a cap on optimiser steps, or null for none.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Gets the wall-clock limit. The learning-rate schedule follows whichever of steps or time runs out first. Null for none.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Gets how many steps pass between validation runs. Default: 250.</summary>
    public int EvaluateEvery { get; init; } = 250;

    /// <summary>Gets how many steps pass between resumable checkpoints. Default: 500.</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>Gets how many validation runs without improvement stop training; 0 disables early stopping. Default: 4.</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Gets the seed of weight initialisation, data order and dropout. Default: 42.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>A snapshot of a running training, reported after each step.</summary>
/// <param name="Fraction">How much of the planned run is done, 0 to 1 (steps or time, whichever is further).</param>
public sealed record TrainingProgress(long Step, double Fraction, double Loss, double? ValidationLoss, double TokensPerSecond, TimeSpan Elapsed);

/// <summary>The outcome of a training run.</summary>
/// <param name="StopReason">Why training ended: "completed", "max steps", "time limit", "early stopping" or "cancelled".</param>
public sealed record TrainingResult(
    long Steps,
    double FinalLoss,
    double? BestValidationLoss,
    long Tokens,
    double TokensPerSecond,
    TimeSpan Elapsed,
    string StopReason);
