using System.Text.Json;
using ChatBot.Language.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Language.Checkpoints;

/// <summary>
/// Loads a Hugging Face GPT-2 family checkpoint (config.json + model.safetensors). GPT-2 stores its
/// projections as Conv1D weights of shape (in, out); they are transposed into Linear's (out, in).
/// </summary>
public static class HuggingFaceCheckpoint
{
    public const string ConfigFileName = "config.json";
    public const string WeightsFileName = "model.safetensors";

    /// <summary>Weight names whose Conv1D layout must be transposed.</summary>
    private static readonly string[] Conv1DSuffixes = ["attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"];

    public static bool Exists(string folder) =>
        File.Exists(Path.Combine(folder, ConfigFileName)) && File.Exists(Path.Combine(folder, WeightsFileName));

    /// <summary>Reads the model shape from a Hugging Face config.json.</summary>
    public static GptConfig ReadConfig(string folder)
    {
        var path = Path.Combine(folder, ConfigFileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        int Get(string name, int fallback) => root.TryGetProperty(name, out var value) ? value.GetInt32() : fallback;

        if (root.TryGetProperty("model_type", out var type) && type.GetString() is { } modelType && modelType != "gpt2")
        {
            throw new InvalidDataException($"'{path}' describes a '{modelType}' model; only the GPT-2 architecture (model_type \"gpt2\") can be loaded.");
        }

        if (root.TryGetProperty("activation_function", out var activation) && activation.GetString() is { } name && name != "gelu_new")
        {
            throw new InvalidDataException($"'{path}' uses the activation '{name}'; only GPT-2's \"gelu_new\" (tanh GELU) is supported.");
        }

        var config = new GptConfig
        {
            VocabularySize = Get("vocab_size", 50257),
            ContextLength = Get("n_positions", Get("n_ctx", 1024)),
            Layers = Get("n_layer", 12),
            Heads = Get("n_head", 12),
            Width = Get("n_embd", 768),
            Dropout = root.TryGetProperty("resid_pdrop", out var dropout) ? dropout.GetDouble() : 0.1,
            LayerNormEpsilon = root.TryGetProperty("layer_norm_epsilon", out var epsilon) ? epsilon.GetDouble() : 1e-5,
        };
        config.Validate();
        return config;
    }

    /// <summary>Builds a model from the folder's configuration and copies every weight into it.</summary>
    /// <exception cref="InvalidDataException">A weight is missing, has the wrong shape, or no parameter takes it.</exception>
    public static GptModel Load(string folder)
    {
        var config = ReadConfig(folder);
        var model = new GptModel(config);
        var weights = SafetensorsFile.ReadAll(Path.Combine(folder, WeightsFileName));
        try
        {
            CopyWeights(model, weights, folder);
        }
        finally
        {
            foreach (var tensor in weights.Values)
            {
                tensor.Dispose();
            }
        }

        model.eval();
        return model;
    }

    private static void CopyWeights(GptModel model, Dictionary<string, Tensor> weights, string folder)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        using var noGrad = torch.no_grad();
        foreach (var (rawName, tensor) in weights)
        {
            var name = rawName.StartsWith("transformer.", StringComparison.Ordinal) ? rawName["transformer.".Length..] : rawName;

            // The causal mask buffers are recomputed, and the output head is tied to wte.
            if (name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal) || name == "lm_head.weight")
            {
                continue;
            }

            if (!parameters.TryGetValue(name, out var parameter))
            {
                throw new InvalidDataException($"The checkpoint in '{folder}' has the weight '{rawName}', which a GPT-2 model does not have.");
            }

            using var source = Conv1DSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) ? tensor.t().contiguous() : tensor.alias();
            if (!source.shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException(
                    $"The checkpoint in '{folder}' has '{rawName}' of shape [{string.Join(", ", tensor.shape)}], but the configuration needs [{string.Join(", ", parameter.shape)}].");
            }

            parameter.copy_(source);
            assigned.Add(name);
        }

        var missing = parameters.Keys.Where(name => !assigned.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The checkpoint in '{folder}' lacks {missing.Count} weights, such as '{missing[0]}'.");
        }
    }
}
