using System.Text.Json;
using ChatBot.Language.Model;
using ChatBot.Language.Tokenization;
using TorchSharp;

namespace ChatBot.Language.Checkpoints;

/// <summary>
/// Saves and loads models in this project's folder format (gpt-config.json + model.bin, TorchSharp's
/// state dictionary format) and loads Hugging Face GPT-2 folders (config.json + model.safetensors).
/// </summary>
public static class GptModelFiles
{
    public const string ConfigFileName = "gpt-config.json";

    /// <summary>The file listing the model tokens generation may produce (a JSON array), when the model restricts them.</summary>
    public const string OutputTokensFileName = "output-tokens.json";
    public const string WeightsFileName = "model.bin";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Returns true when the folder contains a model this class can load.</summary>
    public static bool Exists(string folder) =>
        (File.Exists(Path.Combine(folder, ConfigFileName)) && File.Exists(Path.Combine(folder, WeightsFileName)))
        || HuggingFaceCheckpoint.Exists(folder);

    /// <summary>Writes the configuration and weights; each file is written to a temporary name first and then moved, so a crash never leaves a half-written model.</summary>
    public static void Save(GptModel model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        WriteAtomically(Path.Combine(folder, ConfigFileName), path => File.WriteAllText(path, JsonSerializer.Serialize(model.Config, JsonOptions)));
        WriteAtomically(Path.Combine(folder, WeightsFileName), path => model.save(path));
        var vocabularyPath = Path.Combine(folder, TokenMap.FileName);
        if (model.Vocabulary.IsIdentity)
        {
            File.Delete(vocabularyPath);
        }
        else
        {
            WriteAtomically(vocabularyPath, model.Vocabulary.Write);
        }

        var outputPath = Path.Combine(folder, OutputTokensFileName);
        if (model.OutputTokens is { } outputTokens)
        {
            WriteAtomically(outputPath, path => File.WriteAllText(path, JsonSerializer.Serialize(outputTokens)));
        }
        else
        {
            File.Delete(outputPath);
        }
    }

    /// <summary>Loads a model from a folder in either format, in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">The folder contains neither format.</exception>
    /// <exception cref="InvalidDataException">A file is damaged or the weights do not match the configuration.</exception>
    public static GptModel Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (HuggingFaceCheckpoint.Exists(folder) && !File.Exists(Path.Combine(folder, WeightsFileName)))
        {
            return HuggingFaceCheckpoint.Load(folder);
        }

        var configPath = Path.Combine(folder, ConfigFileName);
        var weightsPath = Path.Combine(folder, WeightsFileName);
        if (!File.Exists(configPath) || !File.Exists(weightsPath))
        {
            throw new FileNotFoundException(
                $"No language model in '{folder}': expected {ConfigFileName} and {WeightsFileName} (train one with the 'train-lm' command) or a Hugging Face GPT-2 folder with config.json and model.safetensors.",
                configPath);
        }

        var config = ReadConfig(configPath);
        var model = new GptModel(config);
        try
        {
            model.load(weightsPath, strict: true);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or System.Runtime.InteropServices.ExternalException)
        {
            model.Dispose();
            throw new InvalidDataException(
                $"The weights file '{weightsPath}' is damaged or does not match {ConfigFileName} ({exception.Message}); train the model again.", exception);
        }

        var vocabularyPath = Path.Combine(folder, TokenMap.FileName);
        if (File.Exists(vocabularyPath))
        {
            model.Vocabulary = TokenMap.Read(vocabularyPath);
            if (model.Vocabulary.Count != config.VocabularySize)
            {
                throw new InvalidDataException($"'{vocabularyPath}' lists {model.Vocabulary.Count} tokens but the model's vocabulary has {config.VocabularySize}.");
            }
        }

        var outputPath = Path.Combine(folder, OutputTokensFileName);
        if (File.Exists(outputPath))
        {
            try
            {
                model.OutputTokens = JsonSerializer.Deserialize<int[]>(File.ReadAllText(outputPath))
                    ?? throw new InvalidDataException($"'{outputPath}' is empty.");
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException)
            {
                model.Dispose();
                throw new InvalidDataException($"'{outputPath}' is not a valid list of output tokens ({exception.Message}); delete it to let the model write any token, or train the model again.", exception);
            }
        }

        model.eval();
        return model;
    }

    public static GptConfig ReadConfig(string path)
    {
        try
        {
            var config = JsonSerializer.Deserialize<GptConfig>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"The model configuration '{path}' is empty.");
            config.Validate();
            return config;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The model configuration '{path}' is not valid JSON: {exception.Message}", exception);
        }
    }

    internal static void WriteAtomically(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
