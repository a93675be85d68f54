using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ChatBot.Language.Model;

/// <summary>The shape of a GPT-2-style decoder; stored beside the weights as gpt-config.json.</summary>
public sealed record GptConfig
{
    /// <summary>Gets the vocabulary size. Default: 50257, the GPT-2 byte-level BPE vocabulary.</summary>
    [Range(2, 1_000_000)]
    [JsonPropertyName("vocab_size")]
    public int VocabularySize { get; init; } = 50257;

    /// <summary>Gets the maximum sequence length in tokens. Default: 256.</summary>
    [Range(8, 8192)]
    [JsonPropertyName("n_positions")]
    public int ContextLength { get; init; } = 256;

    /// <summary>Gets the number of transformer blocks. Default: 4.</summary>
    [Range(1, 96)]
    [JsonPropertyName("n_layer")]
    public int Layers { get; init; } = 4;

    /// <summary>Gets the number of attention heads per block; must divide <see cref="Width"/>. Default: 4.</summary>
    [Range(1, 128)]
    [JsonPropertyName("n_head")]
    public int Heads { get; init; } = 4;

    /// <summary>Gets the embedding width. Default: 128.</summary>
    [Range(8, 16384)]
    [JsonPropertyName("n_embd")]
    public int Width { get; init; } = 128;

    /// <summary>
    /// Gets the dropout probability used while training (embeddings, attention, residuals). Default: 0,
    /// because the default model sees each synthesised dialogue about twice and does not overfit.
    /// </summary>
    [Range(0.0, 0.9)]
    [JsonPropertyName("dropout")]
    public double Dropout { get; init; }

    /// <summary>Gets the layer norm epsilon. Default: 1e-5, as GPT-2 uses.</summary>
    [JsonPropertyName("layer_norm_epsilon")]
    public double LayerNormEpsilon { get; init; } = 1e-5;

    /// <summary>
    /// Gets the layout of the transcript the model was trained on. Default: <see cref="Prompts.PromptFormat.Full"/>,
    /// which a file written before this setting existed, and a Hugging Face folder, also get.
    /// </summary>
    [JsonPropertyName("prompt_format")]
    [JsonConverter(typeof(JsonStringEnumConverter<Prompts.PromptFormat>))]
    public Prompts.PromptFormat PromptFormat { get; init; } = Prompts.PromptFormat.Full;

    /// <summary>Gets the default model of this project: 4 blocks of width 128 that read compact prompts, trainable on two CPU cores in minutes.</summary>
    public static GptConfig Default { get; } = new() { PromptFormat = Prompts.PromptFormat.Compact };

    /// <summary>Gets the shape of GPT-2 small (124M parameters).</summary>
    public static GptConfig Gpt2Small { get; } = new() { ContextLength = 1024, Layers = 12, Heads = 12, Width = 768, Dropout = 0.1 };

    /// <summary>Throws when the shape is inconsistent.</summary>
    public void Validate()
    {
        var context = new ValidationContext(this);
        Validator.ValidateObject(this, context, validateAllProperties: true);
        if (Width % Heads != 0)
        {
            throw new ValidationException($"The width {Width} is not divisible by the head count {Heads}; choose a width that is a multiple of the heads.");
        }
    }
}
