using System.Diagnostics;
using ChatBot.Language.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Language.Generation;

/// <summary>
/// Autoregressive generation with a <see cref="GptModel"/> at batch 1: reads the prompt once, then
/// samples one token per step, with or without the key/value cache. Runs in inference mode.
/// </summary>
public static class GptGenerator
{
    /// <summary>Generates tokens after the prompt; stops at the stop token, the length limit, a full context or the time budget.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static GenerationResult Generate(GptModel model, IReadOnlyList<int> prompt, GenerationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var modelPrompt = ToModelPrompt(model, prompt);
        var contextLength = model.Config.ContextLength;
        var stopwatch = Stopwatch.StartNew();
        var sampler = new TokenSampler(settings, settings.Seed is { } seed ? new Random(seed) : new Random(), model.Utf8Guard);
        var generated = new List<int>(settings.MaxNewTokens);
        var timeToFirstToken = TimeSpan.Zero;
        var reason = StopReason.MaxNewTokens;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = torch.inference_mode();
            using var cache = settings.UseCache ? model.CreateCache() : null;
            var sequence = new List<long>(modelPrompt);
            var pending = sequence.ToArray();
            while (generated.Count < settings.MaxNewTokens)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (settings.TimeBudget is { } budget && stopwatch.Elapsed >= budget)
                {
                    reason = StopReason.TimeBudget;
                    break;
                }

                if (sequence.Count > contextLength || (cache is not null && cache.Length + pending.Length > contextLength))
                {
                    reason = StopReason.ContextFull;
                    break;
                }

                var logits = NextLogits(model, cache, cache is null ? [.. sequence] : pending);
                var index = sampler.Sample(logits);
                var modelToken = model.OutputToken(index);
                var token = model.Vocabulary.ToGpt(modelToken);
                if (generated.Count == 0)
                {
                    timeToFirstToken = stopwatch.Elapsed;
                }

                if (token == settings.StopTokenId)
                {
                    reason = StopReason.StopToken;
                    break;
                }

                generated.Add(token);
                sampler.Remember(index);
                sequence.Add(modelToken);
                pending = [modelToken];
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new GenerationResult(generated, reason, timeToFirstToken, stopwatch.Elapsed);
    }

    /// <summary>
    /// Maps GPT-2 prompt tokens to the model's vocabulary. A prompt that re-spelled unknown tokens made longer
    /// than the context loses its oldest tokens, so that at least one new token fits.
    /// </summary>
    /// <exception cref="ArgumentException">The prompt is empty, or longer than the context of a model with GPT-2's own vocabulary.</exception>
    internal static long[] ToModelPrompt(GptModel model, IReadOnlyList<int> prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Count == 0)
        {
            throw new ArgumentException("The prompt must contain at least one token.", nameof(prompt));
        }

        var contextLength = model.Config.ContextLength;
        if (prompt.Count > contextLength && model.Vocabulary.IsIdentity)
        {
            throw new ArgumentException($"The prompt has {prompt.Count} tokens but the model's context length is {contextLength}.", nameof(prompt));
        }

        var tokens = model.Vocabulary.ToModel(prompt, Tokenization.GptTokenizer.Instance).Select(t => (long)t).ToArray();
        return tokens.Length >= contextLength ? tokens[(tokens.Length - contextLength + 1)..] : tokens;
    }

    /// <summary>Runs the model on new tokens and returns the logits of the last position.</summary>
    private static float[] NextLogits(GptModel model, KeyValueCache? cache, long[] tokens)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(tokens, dtype: ScalarType.Int64).unsqueeze(0);
        var hidden = model.Hidden(input, cache);
        var last = hidden[0, -1];
        var logits = model.OutputLogits(last).to_type(ScalarType.Float32);
        return logits.data<float>().ToArray();
    }
}
