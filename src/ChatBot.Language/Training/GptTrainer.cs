using System.Diagnostics;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChatBot.Language.Training;

/// <summary>
/// Trains a <see cref="GptModel"/> on formatted dialogues with AdamW, linear warm-up and cosine decay,
/// gradient clipping, a validation loss, early stopping and resumable checkpoints. The loss covers only
/// the reply tokens (and their end-of-turn token), not the prompt.
/// </summary>
/// <remarks>
/// The output folder receives the best model so far (gpt-config.json, model.bin), and its "checkpoint"
/// subfolder the latest resumable state (model, optimiser and trainer-state.json).
/// </remarks>
public sealed class GptTrainer
{
    /// <summary>Returns every token that some example's reply contains (the positions after its prompt), ascending.</summary>
    public static int[] ReplyTokens(IEnumerable<TranscriptTokens> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var tokens = new SortedSet<int>();
        foreach (var example in examples)
        {
            for (var i = example.PromptLength; i < example.Tokens.Length; i++)
            {
                tokens.Add(example.Tokens[i]);
            }
        }

        return [.. tokens];
    }

    public const string CheckpointFolderName = "checkpoint";
    private const string OptimizerFileName = "optimizer.bin";
    private const string StateFileName = "trainer-state.json";
    private const int IgnoredTarget = -100;

    /// <summary>Returns the resumable checkpoint folder inside an output folder.</summary>
    public static string CheckpointFolder(string outputFolder) => Path.Combine(outputFolder, CheckpointFolderName);

    /// <summary>Returns true when the output folder contains a checkpoint that <see cref="Train"/> can resume.</summary>
    public static bool CanResume(string outputFolder) =>
        File.Exists(Path.Combine(CheckpointFolder(outputFolder), StateFileName)) && GptModelFiles.Exists(CheckpointFolder(outputFolder));

    /// <summary>Trains the model in place and returns a summary.</summary>
    /// <param name="resume">True to continue from the checkpoint in <paramref name="outputFolder"/>; the model must already hold its weights.</param>
    /// <param name="onProgress">Called after every step, on the training thread.</param>
    public TrainingResult Train(
        GptModel model,
        IReadOnlyList<TranscriptTokens> training,
        IReadOnlyList<TranscriptTokens> validation,
        TrainingOptions options,
        string? outputFolder,
        bool resume,
        Action<TrainingProgress>? onProgress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        if (training.Count == 0)
        {
            throw new ArgumentException("The training corpus is empty; add dialogue files or synthesised dialogues.", nameof(training));
        }

        var usable = training.Where(t => t.Tokens.Length > t.PromptLength && t.Tokens.Length <= model.Config.ContextLength + 1).ToList();
        var batchesPerEpoch = (usable.Count + options.BatchSize - 1) / options.BatchSize;
        var plannedSteps = Math.Min(options.MaxSteps ?? long.MaxValue, (long)batchesPerEpoch * options.Epochs);

        using var optimizer = torch.optim.AdamW(model.parameters(), options.LearningRate, 0.9, 0.95, 1e-8, options.WeightDecay);
        var state = new TrainingState { TrainingExamples = usable.Count, Seed = options.Seed };
        if (resume)
        {
            state = LoadResumeState(optimizer, outputFolder, usable.Count);
        }

        torch.manual_seed(options.Seed + state.Step);
        var stopwatch = Stopwatch.StartNew();
        var previousElapsed = TimeSpan.FromSeconds(state.ElapsedSeconds);
        var step = state.Step;
        var tokens = state.Tokens;
        var best = state.BestValidationLoss;
        var stale = state.EvaluationsWithoutImprovement;
        var lastLoss = double.NaN;
        double? lastValidation = best;
        var stopReason = "completed";
        var epoch = state.Epoch;
        var batchIndex = state.BatchInEpoch;
        var sessionTokens = 0L;

        model.train();
        while (epoch < options.Epochs && stopReason == "completed")
        {
            var batches = Batches(usable, options.BatchSize, options.Seed + epoch);
            for (; batchIndex < batches.Count; batchIndex++)
            {
                var elapsed = previousElapsed + stopwatch.Elapsed;
                if (cancellationToken.IsCancellationRequested)
                {
                    stopReason = "cancelled";
                    break;
                }

                if (step >= plannedSteps)
                {
                    stopReason = options.MaxSteps is { } max && step >= max ? "max steps" : "completed";
                    break;
                }

                if (options.TimeLimit is { } limit && elapsed >= limit)
                {
                    stopReason = "time limit";
                    break;
                }

                var fraction = Fraction(step, plannedSteps, elapsed, options.TimeLimit);
                SetLearningRate(optimizer, LearningRate(options, step, fraction));
                var (loss, batchTokens) = TrainStep(model, optimizer, batches[batchIndex], options.GradientClipNorm);
                step++;
                tokens += batchTokens;
                sessionTokens += batchTokens;
                lastLoss = loss;

                if (validation.Count > 0 && step % options.EvaluateEvery == 0)
                {
                    lastValidation = Evaluate(model, validation, options.BatchSize);
                    model.train();
                    if (best is null || lastValidation < best.Value * (1 - 1e-4))
                    {
                        best = lastValidation;
                        stale = 0;
                        if (outputFolder is not null)
                        {
                            GptModelFiles.Save(model, outputFolder);
                        }
                    }
                    else if (options.Patience > 0 && ++stale >= options.Patience)
                    {
                        stopReason = "early stopping";
                    }
                }

                var tokensPerSecond = sessionTokens / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
                onProgress?.Invoke(new TrainingProgress(step, Fraction(step, plannedSteps, previousElapsed + stopwatch.Elapsed, options.TimeLimit), loss, lastValidation, tokensPerSecond, previousElapsed + stopwatch.Elapsed));

                if (outputFolder is not null && step % options.CheckpointEvery == 0)
                {
                    SaveCheckpoint(model, optimizer, outputFolder, Snapshot(step, epoch, batchIndex + 1));
                }

                if (stopReason != "completed")
                {
                    batchIndex++;
                    break;
                }
            }

            if (stopReason == "completed")
            {
                epoch++;
                batchIndex = 0;
            }
        }

        // The last stretch after the final validation run is evaluated too, so the saved model is the best one.
        if (validation.Count > 0 && step % options.EvaluateEvery != 0 && stopReason != "cancelled")
        {
            lastValidation = Evaluate(model, validation, options.BatchSize);
            if (best is null || lastValidation < best.Value)
            {
                best = lastValidation;
                if (outputFolder is not null)
                {
                    GptModelFiles.Save(model, outputFolder);
                }
            }
        }
        else if (validation.Count == 0 && outputFolder is not null)
        {
            GptModelFiles.Save(model, outputFolder);
        }

        if (outputFolder is not null)
        {
            SaveCheckpoint(model, optimizer, outputFolder, Snapshot(step, epoch, batchIndex));
        }

        model.eval();
        var total = previousElapsed + stopwatch.Elapsed;
        return new TrainingResult(step, lastLoss, best, tokens, sessionTokens / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9), total, stopReason);

        TrainingState Snapshot(long atStep, int atEpoch, int atBatch) => new()
        {
            Step = atStep,
            Epoch = atEpoch,
            BatchInEpoch = atBatch,
            BestValidationLoss = best,
            EvaluationsWithoutImprovement = stale,
            Tokens = tokens,
            ElapsedSeconds = (previousElapsed + stopwatch.Elapsed).TotalSeconds,
            TrainingExamples = usable.Count,
            Seed = options.Seed,
        };
    }

    /// <summary>Returns the mean cross-entropy per reply token over the examples (its exponential is the perplexity).</summary>
    public static double Evaluate(GptModel model, IReadOnlyList<TranscriptTokens> examples, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var wasTraining = model.training;
        model.eval();
        double sum = 0;
        long count = 0;
        using (torch.no_grad())
        {
            var usable = examples.Where(t => t.Tokens.Length > t.PromptLength && t.Tokens.Length <= model.Config.ContextLength + 1).ToList();
            foreach (var batch in usable.Chunk(batchSize))
            {
                using var scope = torch.NewDisposeScope();
                var (loss, targets) = BatchLoss(model, batch);
                sum += loss.item<float>() * targets;
                count += targets;
            }
        }

        model.train(wasTraining);
        return count == 0 ? double.NaN : sum / count;
    }

    private static (double Loss, long Tokens) TrainStep(GptModel model, OptimizerHelper optimizer, TranscriptTokens[] batch, double clipNorm)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var (loss, _) = BatchLoss(model, batch);
        loss.backward();
        torch.nn.utils.clip_grad_norm_(model.parameters(), clipNorm);
        optimizer.step();
        return (loss.item<float>(), batch.Sum(t => (long)t.Tokens.Length - 1));
    }

    /// <summary>Computes the mean loss over the reply tokens of a right-padded batch; only those positions go through the output head.</summary>
    private static (Tensor Loss, long Targets) BatchLoss(GptModel model, IReadOnlyList<TranscriptTokens> batch)
    {
        var length = batch.Max(t => t.Tokens.Length) - 1;
        var inputs = new long[batch.Count * length];
        var positions = new List<long>();
        var targets = new List<long>();
        for (var b = 0; b < batch.Count; b++)
        {
            var tokens = batch[b].Tokens;
            for (var j = 0; j < length; j++)
            {
                inputs[(b * length) + j] = j < tokens.Length - 1 ? tokens[j] : 0;

                // Position j predicts token j + 1; only reply tokens are targets.
                if (j + 1 < tokens.Length && j + 1 >= batch[b].PromptLength)
                {
                    positions.Add((b * length) + j);
                    targets.Add(tokens[j + 1]);
                }
            }
        }

        var input = torch.tensor(inputs, dtype: ScalarType.Int64).view(batch.Count, length);
        var hidden = model.Hidden(input, cache: null).view(-1, model.Config.Width);
        var selected = hidden.index_select(0, torch.tensor(positions.ToArray(), dtype: ScalarType.Int64));
        var logits = model.Logits(selected);
        var loss = torch.nn.functional.cross_entropy(logits, torch.tensor(targets.ToArray(), dtype: ScalarType.Int64), ignore_index: IgnoredTarget);
        return (loss, targets.Count);
    }

    /// <summary>Shuffles examples, sorts them by length within windows so batches need little padding, and shuffles the batches.</summary>
    private static List<TranscriptTokens[]> Batches(IReadOnlyList<TranscriptTokens> examples, int batchSize, int seed)
    {
        var random = new Random(seed);
        var shuffled = examples.ToArray();
        random.Shuffle(shuffled);
        var batches = new List<TranscriptTokens[]>();
        foreach (var window in shuffled.Chunk(batchSize * 32))
        {
            batches.AddRange(window.OrderBy(t => t.Tokens.Length).Chunk(batchSize));
        }

        var result = batches.ToArray();
        random.Shuffle(result);
        return [.. result];
    }

    private static double Fraction(long step, long plannedSteps, TimeSpan elapsed, TimeSpan? limit)
    {
        var byStep = plannedSteps > 0 ? (double)step / plannedSteps : 1.0;
        var byTime = limit is { } l && l > TimeSpan.Zero ? elapsed / l : 0.0;
        return Math.Clamp(Math.Max(byStep, byTime), 0.0, 1.0);
    }

    private static double LearningRate(TrainingOptions options, long step, double fraction)
    {
        if (step < options.WarmupSteps)
        {
            return options.LearningRate * (step + 1) / options.WarmupSteps;
        }

        var floor = options.LearningRate * options.FinalLearningRateFraction;
        return floor + ((options.LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * fraction)));
    }

    private static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    private static void SaveCheckpoint(GptModel model, OptimizerHelper optimizer, string outputFolder, TrainingState state)
    {
        var folder = CheckpointFolder(outputFolder);
        GptModelFiles.Save(model, folder);
        GptModelFiles.WriteAtomically(Path.Combine(folder, OptimizerFileName), optimizer.save_state_dict);
        GptModelFiles.WriteAtomically(Path.Combine(folder, StateFileName), state.Write);
    }

    private static TrainingState LoadResumeState(OptimizerHelper optimizer, string? outputFolder, int trainingExamples)
    {
        if (outputFolder is null || !CanResume(outputFolder))
        {
            throw new InvalidOperationException($"There is no checkpoint to resume in '{outputFolder}'; train without --resume first.");
        }

        var folder = CheckpointFolder(outputFolder);
        var state = TrainingState.Read(Path.Combine(folder, StateFileName));
        if (state.TrainingExamples != trainingExamples)
        {
            throw new InvalidOperationException(
                $"The checkpoint in '{folder}' was trained on {state.TrainingExamples} examples but the corpus now has {trainingExamples}; resume with the same corpus options, or train from scratch without --resume.");
        }

        optimizer.load_state_dict(Path.Combine(folder, OptimizerFileName));
        return state;
    }
}
