using Microsoft.Extensions.Configuration;

namespace ChatBot.Language.Configuration;

/// <summary>Where the language model files live: under the data directory (Data:Directory), never in the repository.</summary>
public static class LanguagePaths
{
    /// <summary>The data directory used when Data:Directory is not set.</summary>
    public const string DefaultDataDirectory = "data";

    /// <summary>Returns the data directory from configuration.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Data:Directory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDataDirectory : configured);
    }

    /// <summary>Returns the local model folder: Language:ModelPath, or models/reply-gpt under the data directory.</summary>
    public static string ModelFolder(IConfiguration configuration, LanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ModelPath)
            ? Path.Combine(DataDirectory(configuration), "models", "reply-gpt")
            : Path.GetFullPath(options.ModelPath);
    }

    /// <summary>Returns the folder that downloaded pretrained checkpoints go to.</summary>
    public static string PretrainedFolder(IConfiguration configuration, string modelId) =>
        Path.Combine(DataDirectory(configuration), "models", "pretrained", modelId.Replace('/', '_'));
}
