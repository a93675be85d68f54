using System.Diagnostics;
using ChatBot.Core.Language;
using ChatBot.Language.Configuration;
using ChatBot.Language.Generation;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Language.Generators;

/// <summary>
/// Writes replies with the local GPT: formats the request as a transcript, samples the bot's turn
/// until the end-of-turn token, and decodes it. Concurrent replies are generated together in batches
/// (<see cref="BatchedGptGenerator"/>). Each keeps its own sampling seed, time limit and cancellation.
/// </summary>
public sealed class LocalGptReplyGenerator : IReplyGenerator, IDisposable
{
    public const string GeneratorName = "gpt-local";

    private readonly GptModel _model;
    private readonly TranscriptFormatter _formatter;
    private readonly LocalModelOptions _options;
    private readonly BatchedGptGenerator _batches;

    public LocalGptReplyGenerator(GptModel model, TranscriptFormatter formatter, LocalModelOptions options, ILoggerFactory? loggerFactory = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _formatter = formatter ?? throw new ArgumentNullException(nameof(formatter));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _model.EnsureGpt2Vocabulary();
        _model.eval();
        var batching = new BatchingSettings
        {
            MaxBatchSize = options.MaxBatchSize,
            BatchWindow = TimeSpan.FromMilliseconds(options.BatchWindowMilliseconds),
            ParallelBatches = options.EffectiveParallelBatches(),
        };
        _batches = new BatchedGptGenerator(model, batching, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BatchedGptGenerator>());
    }

    public string Name => GeneratorName;

    public GptModel Model => _model;

    /// <summary>Gets the size of the largest batch generated so far.</summary>
    public int LargestBatch => _batches.LargestBatch;

    /// <exception cref="InvalidOperationException">The model wrote an empty reply.</exception>
    public async Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var maxNewTokens = Math.Min(_options.MaxNewTokens, _model.Config.ContextLength / 2);
        if (request.History.Count > _options.MaxHistoryTurns)
        {
            request = request with { History = [.. request.History.TakeLast(_options.MaxHistoryTurns)] };
        }

        var prompt = _formatter.FormatPrompt(request, _model.Config.ContextLength, maxNewTokens);
        var settings = new GenerationSettings
        {
            MaxNewTokens = maxNewTokens,
            Temperature = _options.Temperature,
            TopK = _options.TopK,
            TopP = _options.TopP,
            RepetitionPenalty = _options.RepetitionPenalty,
            Seed = _options.Seed,
            TimeBudget = TimeSpan.FromSeconds(_options.TimeoutSeconds),
        };

        var result = await _batches.GenerateAsync(prompt.Tokens, settings, cancellationToken).ConfigureAwait(false);
        // A reply cut off by the token limit can end inside a character, which decodes to U+FFFD; it is dropped.
        var decoded = _formatter.Tokenizer.Decode(result.Tokens).Replace("\uFFFD", string.Empty, StringComparison.Ordinal);
        var text = TranscriptFormatter.Relexicalize(decoded, request).Trim();
        if (text.Length == 0)
        {
            throw new InvalidOperationException($"The local model wrote an empty reply (stopped by {result.StopReason}).");
        }

        return new GeneratedReply(text, GeneratorName, stopwatch.Elapsed);
    }

    public void Dispose()
    {
        _batches.Dispose();
        _model.Dispose();
    }
}
