namespace ChatBot.Language.Configuration;

/// <summary>Which reply generator the host uses.</summary>
public enum ReplyGeneratorKind
{
    /// <summary>The OpenAI-compatible endpoint when one is configured, else the local model when its files exist, else templates.</summary>
    Auto = 0,

    /// <summary>The local TorchSharp GPT in <see cref="LanguageOptions.ModelPath"/>.</summary>
    Local = 1,

    /// <summary>An OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp server).</summary>
    OpenAI = 2,

    /// <summary>Fixed sentence templates; needs no model.</summary>
    Templates = 3,
}

/// <summary>Settings of the reply generators, bound from the "Language" section.</summary>
public sealed class LanguageOptions
{
    public const string SectionName = "Language";

    /// <summary>Gets or sets the generator to use. Default: Auto.</summary>
    public ReplyGeneratorKind Generator { get; set; } = ReplyGeneratorKind.Auto;

    /// <summary>
    /// Gets or sets the folder of the local model (gpt-config.json + model.bin, or a Hugging Face GPT-2
    /// folder). Default: null, which means "models/reply-gpt" under the data directory (Data:Directory).
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>Gets or sets the local model's settings.</summary>
    public LocalModelOptions Local { get; set; } = new();

    /// <summary>Gets or sets the chat endpoint's settings.</summary>
    public OpenAIEndpointOptions OpenAI { get; set; } = new();

    /// <summary>Gets or sets where pretrained checkpoints are downloaded from by model id. Default: https://huggingface.co.</summary>
    public Uri HuggingFaceBaseUrl { get; set; } = new("https://huggingface.co");
}

/// <summary>Sampling and limits of the local model, bound from "Language:Local".</summary>
public sealed class LocalModelOptions
{
    /// <summary>Gets or sets the time limit of one reply in seconds; on expiry the reply falls back to templates. Default: 5.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>Gets or sets the maximum new tokens per reply. Default: 80.</summary>
    public int MaxNewTokens { get; set; } = 80;

    /// <summary>Gets or sets the sampling temperature; 0 is greedy. Default: 0.7.</summary>
    public double Temperature { get; set; } = 0.7;

    /// <summary>Gets or sets top-k; 0 disables it. Default: 40.</summary>
    public int TopK { get; set; } = 40;

    /// <summary>Gets or sets top-p (nucleus mass); 1 disables it. Default: 0.9.</summary>
    public double TopP { get; set; } = 0.9;

    /// <summary>Gets or sets the repetition penalty on tokens already generated; 1 disables it. Default: 1.1.</summary>
    public double RepetitionPenalty { get; set; } = 1.1;

    /// <summary>Gets or sets a fixed sampling seed for reproducible replies, or null for fresh randomness. Default: null.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Gets or sets the number of CPU threads TorchSharp may use, or 0 to keep its default (one per core).
    /// Default: 1, because generating at batch 1 with a small model gains nothing from more threads,
    /// and on a busy machine extra threads wait on each other.
    /// </summary>
    /// <remarks>NOTE: TorchSharp applies this to the whole process, so it also limits the recommender when it runs in the same host.</remarks>
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Gets or sets how many of the latest conversation turns go into the local model's prompt. Default: 2, one
    /// exchange, as in the synthesised dialogues the default model is trained on. Longer prompts cost time.
    /// </summary>
    public int MaxHistoryTurns { get; set; } = 2;

    /// <summary>
    /// Gets or sets the maximum number of replies one batch generates together. 1 turns batching off. Default: 16.
    /// </summary>
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>
    /// Gets or sets how long a queued reply waits for others before its prompt is read, in milliseconds, so
    /// that replies requested together share one forward pass. Default: 5.
    /// </summary>
    public int BatchWindowMilliseconds { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many batches run at the same time, each on its own thread. Default: 0, which runs one
    /// batch per CPU core left over by <see cref="Threads"/> (two on a 2-core machine with one thread per batch).
    /// </summary>
    public int ParallelBatches { get; set; }

    /// <summary>Returns <see cref="ParallelBatches"/>, or for 0 the CPU cores divided by the intra-op threads each batch uses.</summary>
    public int EffectiveParallelBatches()
    {
        if (ParallelBatches > 0)
        {
            return ParallelBatches;
        }

        var cores = Environment.ProcessorCount;
        var threadsPerBatch = Threads > 0 ? Threads : cores;
        return Math.Max(1, cores / threadsPerBatch);
    }
}

/// <summary>An OpenAI-compatible chat endpoint, bound from "Language:OpenAI".</summary>
public sealed class OpenAIEndpointOptions
{
    /// <summary>Gets or sets the API base URL, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). Default: null (not configured).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the model name the endpoint serves. Default: null (not configured).</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the API key; a secret that is never logged. Local servers usually need none. Default: null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the time limit of one reply in seconds; on expiry the reply falls back to templates. Default: 20.</summary>
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Gets or sets the prompt budget in tokens (estimated with GPT-2's tokenizer); the oldest turns are dropped beyond it. Default: 3000.</summary>
    public int MaxPromptTokens { get; set; } = 3000;

    /// <summary>Gets or sets the maximum tokens of one reply. Default: 300.</summary>
    public int MaxOutputTokens { get; set; } = 300;

    /// <summary>Gets or sets the sampling temperature. Default: 0.7.</summary>
    public double Temperature { get; set; } = 0.7;

    /// <summary>Gets a value indicating whether both the base URL and the model are set.</summary>
    public bool IsConfigured => BaseUrl is not null && !string.IsNullOrWhiteSpace(Model);
}
