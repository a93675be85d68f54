using System.Diagnostics;
using ChatBot.Core.Language;
using ChatBot.Language.Configuration;
using ChatBot.Language.Generation;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;

namespace ChatBot.Language.Generators;

/// <summary>
/// Writes replies with the local GPT: formats the request as a transcript, samples the bot's turn
/// until the end-of-turn token, and decodes it. One reply is generated at a time, because each
/// generation already uses the CPU cores TorchSharp is given.
/// </summary>
public sealed class LocalGptReplyGenerator : IReplyGenerator, IDisposable
{
    public const string GeneratorName = "gpt-local";

    private readonly GptModel _model;
    private readonly TranscriptFormatter _formatter;
    private readonly LocalModelOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LocalGptReplyGenerator(GptModel model, TranscriptFormatter formatter, LocalModelOptions options)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _formatter = formatter ?? throw new ArgumentNullException(nameof(formatter));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _model.EnsureGpt2Vocabulary();
        _model.eval();
    }

    public string Name => GeneratorName;

    public GptModel Model => _model;

    /// <exception cref="InvalidOperationException">The model wrote an empty reply.</exception>
    public async Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var maxNewTokens = Math.Min(_options.MaxNewTokens, _model.Config.ContextLength / 2);
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

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        GenerationResult result;
        try
        {
            // Generation is CPU-bound; running it on the thread pool lets the caller's timeout fire while it runs.
            result = await Task.Run(() => GptGenerator.Generate(_model, prompt.Tokens, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        var text = TranscriptFormatter.Relexicalize(_formatter.Tokenizer.Decode(result.Tokens), request).Trim();
        if (text.Length == 0)
        {
            throw new InvalidOperationException($"The local model wrote an empty reply (stopped by {result.StopReason}).");
        }

        return new GeneratedReply(text, GeneratorName, stopwatch.Elapsed);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _model.Dispose();
    }
}
