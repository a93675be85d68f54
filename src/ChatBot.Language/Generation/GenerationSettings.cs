namespace ChatBot.Language.Generation;

/// <summary>How to sample new tokens.</summary>
public sealed record GenerationSettings
{
    /// <summary>Gets the maximum number of new tokens. Default: 80.</summary>
    public int MaxNewTokens { get; init; } = 80;

    /// <summary>Gets the softmax temperature; 0 picks the most likely token (greedy). Default: 0.7.</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Gets how many of the most likely tokens may be sampled; 0 for no limit. Default: 40.</summary>
    public int TopK { get; init; } = 40;

    /// <summary>Gets the nucleus mass: sample from the smallest set of tokens whose probability reaches it; 1 for no limit. Default: 0.9.</summary>
    public double TopP { get; init; } = 0.9;

    /// <summary>
    /// Gets the repetition penalty (CTRL-style: a positive logit is divided by it, a negative one multiplied)
    /// applied to tokens already generated in this reply; 1 for none. Default: 1.1.
    /// Prompt tokens are not penalised, so copying candidate titles from the prompt stays likely.
    /// </summary>
    public double RepetitionPenalty { get; init; } = 1.1;

    /// <summary>Gets the random seed; the same seed, prompt and model give the same tokens. Null draws a fresh seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Gets a value indicating whether to reuse keys and values of earlier positions. Default: true.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Gets the token that ends generation, or null to stop only at the length or time limits.</summary>
    public int? StopTokenId { get; init; } = Tokenization.GptTokenizer.EndOfTextId;

    /// <summary>Gets the wall-clock budget; generation stops with what it has when it runs out. Null for none.</summary>
    public TimeSpan? TimeBudget { get; init; }
}

/// <summary>Why generation stopped.</summary>
public enum StopReason
{
    StopToken = 0,
    MaxNewTokens = 1,
    ContextFull = 2,
    TimeBudget = 3,
}

/// <summary>Generated tokens with timings.</summary>
/// <param name="Tokens">The new tokens, without the stop token.</param>
/// <param name="TimeToFirstToken">Time from the call to the first sampled token (includes reading the prompt).</param>
public sealed record GenerationResult(IReadOnlyList<int> Tokens, StopReason StopReason, TimeSpan TimeToFirstToken, TimeSpan Elapsed);
