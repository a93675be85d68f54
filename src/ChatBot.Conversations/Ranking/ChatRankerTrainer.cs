using ChatBot.Conversations.Evaluation;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Ranking;

/// <summary>What one training run produced and how well it did on held-out dialogues.</summary>
/// <param name="Dialogues">Training dialogues read.</param>
/// <param name="TrainingTurns">Suggestion turns the final weights were fitted on (suggested movie in the catalog, not named before, allowed by the request).</param>
/// <param name="HeldOutDialogues">Dialogues held out to measure the fit before the final fit on all dialogues.</param>
/// <param name="HeldOutBuiltIn">Dedup recall of the built-in weights on the held-out dialogues.</param>
/// <param name="HeldOutTrained">Dedup recall of weights and dialogue statistics fitted without the held-out dialogues.</param>
public sealed record ChatRankerTrainingResult(
    ChatRankerModel Model,
    int Dialogues,
    int TrainingTurns,
    int HeldOutDialogues,
    RecallSummary? HeldOutBuiltIn,
    RecallSummary? HeldOutTrained);

/// <summary>
/// Fits the conversation ranker on ReDial-format dialogues. It counts what human recommenders suggested (the
/// dialogue statistics), then fits one weight per feature by softmax regression with Adam. Each suggested
/// movie is contrasted with the built-in ranking's best other movies and a random sample of the rest.
/// A training turn's dialogue features come from the other folds' dialogues (cross-fitting), so the weights
/// see the statistics as they are for a dialogue the model was not counted on.
/// </summary>
public sealed class ChatRankerTrainer(ChatRanker ranker, RedialTurns turns, IOptions<ChatRankerOptions> options, TimeProvider time)
{
    private const int EvaluationDepth = 50;

    private const double AdamBeta1 = 0.9;

    private const double AdamBeta2 = 0.999;

    private const double AdamEpsilon = 1e-8;

    /// <summary>
    /// Trains on <paramref name="dialogues"/>; <paramref name="progress"/> receives (stage, done, total).
    /// <paramref name="mentionCounts"/> (ReDial's movies_with_mentions.csv) feeds the community mention features.
    /// Those counts include the training dialogues themselves, so the fit uses them minus the training
    /// dialogues' own mentions, as for a new conversation. The saved model keeps the full counts.
    /// </summary>
    public ChatRankerTrainingResult Train(
        IReadOnlyList<RedialDialogue> dialogues,
        IProgress<(string Stage, int Done, int Total)>? progress,
        CancellationToken cancellationToken,
        IReadOnlyList<RedialMentionCount>? mentionCounts = null)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        var settings = options.Value;
        var mapping = turns.MapMovies(dialogues);
        var walked = turns.Walk(dialogues, mapping, EvaluationDepth);
        Dictionary<int, int>? fullMentions = null;
        Dictionary<int, int>? fitMentions = null;
        if (mentionCounts is { Count: > 0 })
        {
            fullMentions = RedialMentionCounts.ToCatalog(mentionCounts, turns.MapNames(mentionCounts.Select(r => KeyValuePair.Create(r.MovieId, (string?)r.Name))));
            fitMentions = DialogueStatistics.Subtract(fullMentions, RedialTurns.CountMentions(dialogues, mapping));
        }


        // Hold out whole dialogues, chosen at random, to report recall on dialogues the fit never saw.
        var random = new Random(settings.Seed);
        var order = Enumerable.Range(0, dialogues.Count).OrderBy(_ => random.Next()).ToArray();
        var heldOutCount = (int)Math.Round(dialogues.Count * settings.HoldoutShare);
        var heldOut = order.Take(heldOutCount).ToHashSet();
        RecallSummary? builtInRecall = null;
        RecallSummary? trainedRecall = null;
        if (heldOutCount > 0 && heldOutCount < dialogues.Count)
        {
            var fitted = Fit([.. walked.Where(t => !heldOut.Contains(t.Dialogue))], dialogues.Count - heldOutCount, fitMentions, "fit without held-out dialogues", progress, cancellationToken);
            var testTurns = walked.Where(t => heldOut.Contains(t.Dialogue) && t.Dedup).ToList();
            var builtIn = ChatRankerModel.BuiltIn;
            builtInRecall = Measure(testTurns, builtIn.Weights, builtIn.Dialogues);
            trainedRecall = Measure(testTurns, fitted.Weights, fitted.Dialogues);
        }

        var model = Fit(walked, dialogues.Count, fitMentions, "fit on all dialogues", progress, cancellationToken);
        if (fullMentions is not null)
        {
            model = new ChatRankerModel(model.Weights, model.Dialogues.WithMentions(fullMentions), model.TrainedAt);
        }

        var trainingTurns = walked.Count(t => t.Dedup && t.TargetMovieId is not null);
        return new ChatRankerTrainingResult(model, dialogues.Count, trainingTurns, heldOutCount, builtInRecall, trainedRecall);
    }

    /// <summary>Returns the dedup recall of the given weights and statistics on the turns.</summary>
    internal RecallSummary Measure(IReadOnlyList<RedialTurn> testTurns, float[] weights, DialogueStatistics dialogues)
    {
        var prior = RankingFeatures.PriorOf(ranker.Traits, dialogues);
        return RecallSummary.Of([.. testTurns.Select(t => RedialEvaluator.Rank(t, (query, signals) => ranker.Rank(query, signals, weights, dialogues, prior)))]);
    }

    /// <summary>Counts the dialogue statistics of the turns' dialogues and fits the weights on their turns.</summary>
    private ChatRankerModel Fit(IReadOnlyList<RedialTurn> walked, int dialogueCount, Dictionary<int, int>? mentions, string stage, IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var folds = settings.Folds;
        var foldStatistics = new DialogueStatistics[folds];
        var foldPriors = new DialoguePriors[folds];
        for (var fold = 0; fold < folds; fold++)
        {
            var others = walked.Where(t => t.Dialogue % folds != fold).ToList();
            foldStatistics[fold] = Statistics(others, dialogueCount - walked.Select(t => t.Dialogue).Distinct().Count(d => d % folds == fold), mentions);
            foldPriors[fold] = RankingFeatures.PriorOf(ranker.Traits, foldStatistics[fold]);
        }

        var examples = walked.Where(t => t.Dedup && t.TargetMovieId is not null).ToList();
        var samples = new List<Sample>(examples.Count);
        var random = new Random(settings.Seed);
        for (var k = 0; k < examples.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fold = examples[k].Dialogue % folds;
            if (SampleOf(examples[k], foldStatistics[fold], foldPriors[fold], random) is { } sample)
            {
                samples.Add(sample);
            }

            progress?.Report((stage + ": features", k + 1, examples.Count));
        }

        var weights = Optimise(samples, stage, progress, cancellationToken);
        return new ChatRankerModel(weights, Statistics(walked, dialogueCount, mentions), time.GetUtcNow());
    }

    private static DialogueStatistics Statistics(IEnumerable<RedialTurn> walked, int dialogueCount, Dictionary<int, int>? mentions) =>
        DialogueStatistics.Count(dialogueCount, walked.Where(t => t.TargetMovieId is not null).Select(t => (t.TargetMovieId!.Value, t.NamedBefore)), mentions);

    /// <summary>
    /// Builds one turn's contrast set: the suggested movie, the built-in ranking's best other movies, and a
    /// uniform sample of the rest whose scores are raised by ln(rest / sampled) so the sampled softmax estimates
    /// the full one. Returns null when the request's filters reject the suggested movie.
    /// </summary>
    private Sample? SampleOf(RedialTurn turn, DialogueStatistics dialogues, DialoguePriors prior, Random random)
    {
        var settings = options.Value;
        var traits = ranker.Traits;
        var target = traits.IndexOf(turn.TargetMovieId!.Value);
        var allowed = ranker.Allowed(turn.Query);
        if (target < 0 || !allowed[target])
        {
            return null;
        }

        var features = ranker.Features(turn.Query, turn.Signals, prior, dialogues);
        var width = RankingFeatures.Count;
        var all = new float[traits.Count * width];
        var builtIn = new float[traits.Count];
        for (var i = 0; i < traits.Count; i++)
        {
            if (!allowed[i] || i == target)
            {
                builtIn[i] = float.NegativeInfinity;
                continue;
            }

            var vector = all.AsSpan(i * width, width);
            features.Fill(i, vector);
            builtIn[i] = System.Numerics.Tensors.TensorPrimitives.Dot<float>(vector, ChatRankerModel.BuiltIn.Weights);
        }

        features.Fill(target, all.AsSpan(target * width, width));
        var hard = ChatRanker.TopIndices(builtIn, settings.HardNegatives);
        var chosen = hard.ToHashSet();
        var rest = Enumerable.Range(0, traits.Count).Where(i => allowed[i] && i != target && !chosen.Contains(i)).ToArray();
        random.Shuffle(rest);
        var sampled = rest.AsSpan(0, Math.Min(settings.RandomNegatives, rest.Length)).ToArray();
        var correction = sampled.Length == 0 ? 0 : (float)Math.Log((double)rest.Length / sampled.Length);

        var rows = new List<int>(1 + hard.Length + sampled.Length) { target };
        rows.AddRange(hard);
        rows.AddRange(sampled);
        var matrix = new float[rows.Count * width];
        var offsets = new float[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            all.AsSpan(rows[r] * width, width).CopyTo(matrix.AsSpan(r * width, width));
            offsets[r] = r > hard.Length ? correction : 0;
        }

        return new Sample(matrix, offsets);
    }

    /// <summary>Minimises the mean softmax cross-entropy of the suggested movie (row 0 of each sample) plus L2, by full-batch Adam.</summary>
    private float[] Optimise(List<Sample> samples, string stage, IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var width = RankingFeatures.Count;
        var disabled = DisabledFeatures(settings);
        var weights = new double[width];
        var moment1 = new double[width];
        var moment2 = new double[width];
        var step = 0;
        for (; step < settings.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gradient = Gradient(samples, weights);
            for (var j = 0; j < width; j++)
            {
                if (disabled[j])
                {
                    continue;
                }

                var g = gradient[j] + (2 * settings.L2 * weights[j]);
                moment1[j] = (AdamBeta1 * moment1[j]) + ((1 - AdamBeta1) * g);
                moment2[j] = (AdamBeta2 * moment2[j]) + ((1 - AdamBeta2) * g * g);
                var corrected1 = moment1[j] / (1 - Math.Pow(AdamBeta1, step + 1));
                var corrected2 = moment2[j] / (1 - Math.Pow(AdamBeta2, step + 1));
                weights[j] -= settings.LearningRate * corrected1 / (Math.Sqrt(corrected2) + AdamEpsilon);
            }

            progress?.Report((stage + ": optimise", step + 1, settings.Steps));
        }

        return [.. weights.Select(w => (float)w)];
    }

    /// <summary>Returns, per feature, whether the settings disable it; an unknown name is an error that lists the valid ones.</summary>
    private static bool[] DisabledFeatures(ChatRankerOptions settings)
    {
        var disabled = new bool[RankingFeatures.Count];
        foreach (var name in settings.DisabledFeatures)
        {
            if (!Enum.TryParse<RankingFeature>(name, ignoreCase: true, out var feature) || !Enum.IsDefined(feature))
            {
                throw new ArgumentException($"ChatRanker:DisabledFeatures names '{name}', which is not a ranking feature; use any of {string.Join(", ", Enum.GetNames<RankingFeature>())}.");
            }

            disabled[(int)feature] = true;
        }

        return disabled;
    }

    /// <summary>Returns the gradient of the mean cross-entropy over the samples, computed in parallel.</summary>
    private static double[] Gradient(List<Sample> samples, double[] weights)
    {
        var width = weights.Length;
        var w = weights.Select(v => (float)v).ToArray();
        var total = new double[width];
        var gate = new Lock();
        Parallel.ForEach(
            samples,
            () => new double[width],
            (sample, _, local) =>
            {
                var rows = sample.Offsets.Length;
                var logits = new double[rows];
                var max = double.NegativeInfinity;
                for (var r = 0; r < rows; r++)
                {
                    logits[r] = System.Numerics.Tensors.TensorPrimitives.Dot<float>(sample.Matrix.AsSpan(r * width, width), w) + sample.Offsets[r];
                    max = Math.Max(max, logits[r]);
                }

                var sum = 0.0;
                for (var r = 0; r < rows; r++)
                {
                    logits[r] = Math.Exp(logits[r] - max);
                    sum += logits[r];
                }

                for (var r = 0; r < rows; r++)
                {
                    var p = (logits[r] / sum) - (r == 0 ? 1 : 0);
                    var row = sample.Matrix.AsSpan(r * width, width);
                    for (var j = 0; j < width; j++)
                    {
                        local[j] += p * row[j];
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var j = 0; j < width; j++)
                    {
                        total[j] += local[j];
                    }
                }
            });
        for (var j = 0; j < width; j++)
        {
            total[j] /= Math.Max(samples.Count, 1);
        }

        return total;
    }

    /// <summary>One training turn: a row-major matrix of feature vectors (row 0 the suggested movie) and each row's score offset.</summary>
    private sealed record Sample(float[] Matrix, float[] Offsets);
}
