using ChatBot.Language.Model;

namespace ChatBot.Language.Generation;

/// <summary>
/// One request in a <see cref="GptBatch"/>: its prompt, settings and sampler, the tokens generated so far,
/// and the task that receives its result. The stop rules are those of <see cref="GptGenerator.Generate"/>.
/// </summary>
internal sealed class BatchSequence
{
    private readonly GptModel _model;
    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;
    private readonly TokenSampler _sampler;
    private readonly List<int> _tokens;
    private TimeSpan _timeToFirstToken;

    /// <summary>Creates a sequence whose time budget and timings count from <paramref name="startTimestamp"/> (when it was queued).</summary>
    public BatchSequence(GptModel model, long[] modelPrompt, GenerationSettings settings, TimeProvider timeProvider, long startTimestamp, CancellationToken cancellationToken)
    {
        _model = model;
        ModelPrompt = modelPrompt;
        Settings = settings;
        _timeProvider = timeProvider;
        _startTimestamp = startTimestamp;
        CancellationToken = cancellationToken;
        _sampler = new TokenSampler(settings, settings.Seed is { } seed ? new Random(seed) : new Random(), model.Utf8Guard);
        _tokens = new List<int>(Math.Min(settings.MaxNewTokens, model.Config.ContextLength));
    }

    /// <summary>Gets the prompt in the model's vocabulary, already cut to the context.</summary>
    public long[] ModelPrompt { get; }

    public GenerationSettings Settings { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Gets the timestamp (of the sequence's time provider) when the request was queued.</summary>
    public long StartTimestamp => _startTimestamp;

    /// <summary>Gets how many positions of this sequence the cache holds.</summary>
    public int Length { get; set; }

    /// <summary>Gets the last sampled token (model vocabulary), which the next step feeds.</summary>
    public long PendingToken { get; private set; }

    public IReadOnlyList<int> Tokens => _tokens;

    /// <summary>Gets the result; completes on a stop rule, and is cancelled or faulted when the request is.</summary>
    public TaskCompletionSource<GenerationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => Completion.Task.IsCompleted;

    /// <summary>
    /// Returns whether the sequence may read <paramref name="newPositions"/> more positions. Otherwise it completes
    /// the sequence by the first rule that applies: the length limit, cancellation, the time budget or a full context.
    /// </summary>
    public bool CheckBeforeForward(int newPositions)
    {
        if (IsDone)
        {
            return false;
        }

        if (_tokens.Count >= Settings.MaxNewTokens)
        {
            return Finish(StopReason.MaxNewTokens);
        }

        if (CancellationToken.IsCancellationRequested)
        {
            Completion.TrySetCanceled(CancellationToken);
            return false;
        }

        if (Settings.TimeBudget is { } budget && Elapsed >= budget)
        {
            return Finish(StopReason.TimeBudget);
        }

        if (Length + newPositions > _model.Config.ContextLength)
        {
            return Finish(StopReason.ContextFull);
        }

        return true;
    }

    /// <summary>Samples the next token from this sequence's logits (changed in place) and applies the stop token rule.</summary>
    public void Accept(Span<float> logits)
    {
        if (IsDone)
        {
            return;
        }

        // The sampler works on indices into the model's output tokens, which the repetition penalty also uses.
        var index = _sampler.Sample(logits);
        var modelToken = _model.OutputToken(index);
        var token = _model.Vocabulary.ToGpt(modelToken);
        if (_tokens.Count == 0)
        {
            _timeToFirstToken = Elapsed;
        }

        if (token == Settings.StopTokenId)
        {
            Finish(StopReason.StopToken);
            return;
        }

        _tokens.Add(token);
        _sampler.Remember(index);
        PendingToken = modelToken;
        if (_tokens.Count >= Settings.MaxNewTokens)
        {
            Finish(StopReason.MaxNewTokens);
        }
    }

    /// <summary>Cancels the request with its own token; does nothing once the sequence is done.</summary>
    public void Cancel() => Completion.TrySetCanceled(CancellationToken);

    public void Fail(Exception exception) => Completion.TrySetException(exception);

    private TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startTimestamp);

    private bool Finish(StopReason reason)
    {
        Completion.TrySetResult(new GenerationResult([.. _tokens], reason, _timeToFirstToken, Elapsed));
        return false;
    }
}
