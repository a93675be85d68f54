using Microsoft.Extensions.Options;

namespace ChatBot.Language.Configuration;

/// <summary>Checks the "Language" section and reports every wrong value with its key and the fix.</summary>
public sealed class LanguageOptionsValidator : IValidateOptions<LanguageOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var local = options.Local;
        var openAI = options.OpenAI;

        Check(local.TimeoutSeconds is > 0 and <= 600, "Language:Local:TimeoutSeconds must be between 0 and 600 seconds (default 5).");
        Check(local.MaxNewTokens is >= 1 and <= 4096, "Language:Local:MaxNewTokens must be between 1 and 4096 (default 80).");
        Check(local.Temperature is >= 0 and <= 5, "Language:Local:Temperature must be between 0 (greedy) and 5 (default 0.7).");
        Check(local.TopK is >= 0 and <= 100_000, "Language:Local:TopK must be 0 (off) or a positive count up to 100000 (default 40).");
        Check(local.TopP is > 0 and <= 1, "Language:Local:TopP must be above 0 and at most 1 (default 0.9).");
        Check(local.RepetitionPenalty is >= 1 and <= 5, "Language:Local:RepetitionPenalty must be between 1 (off) and 5 (default 1.1).");
        Check(local.Threads is >= 0 and <= 1024, "Language:Local:Threads must be 0 (TorchSharp's default) or a thread count.");
        Check(local.MaxHistoryTurns is >= 0 and <= 64, "Language:Local:MaxHistoryTurns must be between 0 and 64 turns (default 2).");
        Check(local.MaxBatchSize is >= 1 and <= 256, "Language:Local:MaxBatchSize must be between 1 (no batching) and 256 (default 16).");
        Check(local.BatchWindowMilliseconds is >= 0 and <= 1000, "Language:Local:BatchWindowMilliseconds must be between 0 and 1000 milliseconds (default 5).");
        Check(local.ParallelBatches is >= 0 and <= 64, "Language:Local:ParallelBatches must be between 0 (one per free CPU core) and 64 (default 0).");

        Check(openAI.TimeoutSeconds is > 0 and <= 600, "Language:OpenAI:TimeoutSeconds must be between 0 and 600 seconds (default 20).");
        Check(openAI.MaxPromptTokens is >= 256 and <= 1_000_000, "Language:OpenAI:MaxPromptTokens must be between 256 and 1000000 (default 3000).");
        Check(openAI.MaxOutputTokens is >= 16 and <= 100_000, "Language:OpenAI:MaxOutputTokens must be between 16 and 100000 (default 300).");
        Check(openAI.Temperature is >= 0 and <= 2, "Language:OpenAI:Temperature must be between 0 and 2 (default 0.7).");
        Check(
            openAI.BaseUrl is null || (openAI.BaseUrl.IsAbsoluteUri && (openAI.BaseUrl.Scheme == Uri.UriSchemeHttp || openAI.BaseUrl.Scheme == Uri.UriSchemeHttps)),
            "Language:OpenAI:BaseUrl must be an absolute http or https URL, such as http://127.0.0.1:11434/v1.");
        Check(
            options.Generator != ReplyGeneratorKind.OpenAI || openAI.IsConfigured,
            "Language:Generator is OpenAI, but Language:OpenAI:BaseUrl or Language:OpenAI:Model is missing; set both, or choose another generator.");
        Check(
            openAI.BaseUrl is null == string.IsNullOrWhiteSpace(openAI.Model),
            "Language:OpenAI needs both BaseUrl and Model, or neither; set the missing one.");
        Check(
            options.HuggingFaceBaseUrl.IsAbsoluteUri,
            "Language:HuggingFaceBaseUrl must be an absolute URL (default https://huggingface.co).");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool valid, string message)
        {
            if (!valid)
            {
                failures.Add(message);
            }
        }
    }
}
