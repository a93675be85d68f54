using System.Text.Json;
using ChatBot.Language.Prompts;

namespace ChatBot.Language.Tokenization;

/// <summary>
/// Maps GPT-2 token ids to a model's own, smaller vocabulary. A model trained from scratch keeps only
/// the tokens its corpus and catalog use, because the output head's cost grows with the vocabulary and
/// dominates training on a CPU. Pretrained GPT-2 checkpoints use the identity map.
/// </summary>
public sealed class TokenMap
{
    public const string FileName = "vocabulary.json";

    private readonly int[]? _modelToGpt;
    private readonly Dictionary<int, int>? _gptToModel;

    private TokenMap(int[]? modelToGpt)
    {
        _modelToGpt = modelToGpt;
        _gptToModel = modelToGpt?.Select((gpt, model) => (gpt, model)).ToDictionary(p => p.gpt, p => p.model);
    }

    /// <summary>Gets the map that keeps GPT-2's full vocabulary.</summary>
    public static TokenMap Identity { get; } = new(null);

    public bool IsIdentity => _modelToGpt is null;

    /// <summary>Gets the model's vocabulary size.</summary>
    public int Count => _modelToGpt?.Length ?? GptTokenizer.VocabularySize;

    /// <summary>Builds a map that keeps every token of the sequences plus the end-of-text token and printable ASCII characters.</summary>
    public static TokenMap Build(IEnumerable<IEnumerable<int>> sequences, GptTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var kept = new SortedSet<int> { GptTokenizer.EndOfTextId };
        for (var c = ' '; c <= '~'; c++)
        {
            kept.UnionWith(tokenizer.Encode(c.ToString()));
        }

        foreach (var sequence in sequences)
        {
            kept.UnionWith(sequence);
        }

        return new TokenMap([.. kept]);
    }

    public static TokenMap Read(string path)
    {
        var ids = JsonSerializer.Deserialize<int[]>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"The vocabulary file '{path}' is empty.");
        if (ids.Distinct().Count() != ids.Length || ids.Any(id => id is < 0 or >= GptTokenizer.VocabularySize))
        {
            throw new InvalidDataException($"The vocabulary file '{path}' must list distinct GPT-2 token ids from 0 to {GptTokenizer.VocabularySize - 1}.");
        }

        return new TokenMap(ids);
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(_modelToGpt ?? []));

    /// <summary>Returns the GPT-2 id of a model token id.</summary>
    public int ToGpt(int modelId) => _modelToGpt is null ? modelId : _modelToGpt[modelId];

    /// <summary>
    /// Maps GPT-2 ids to model ids. A token outside the vocabulary is spelled again character by
    /// character, and characters that are still unknown are left out.
    /// </summary>
    public List<int> ToModel(IEnumerable<int> gptIds, GptTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(gptIds);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var result = new List<int>();
        foreach (var id in gptIds)
        {
            if (_gptToModel is null)
            {
                result.Add(id);
            }
            else if (_gptToModel.TryGetValue(id, out var modelId))
            {
                result.Add(modelId);
            }
            else
            {
                foreach (var character in tokenizer.Decode([id]).EnumerateRunes())
                {
                    result.AddRange(tokenizer.Encode(character.ToString()).Where(_gptToModel.ContainsKey).Select(t => _gptToModel[t]));
                }
            }
        }

        return result;
    }

    /// <summary>Maps a formatted dialogue to model ids, keeping the prompt/reply boundary.</summary>
    public TranscriptTokens ToModel(TranscriptTokens transcript, GptTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (IsIdentity)
        {
            return transcript;
        }

        var prompt = ToModel(transcript.Tokens.Take(transcript.PromptLength), tokenizer);
        var reply = ToModel(transcript.Tokens.Skip(transcript.PromptLength), tokenizer);
        return new TranscriptTokens([.. prompt, .. reply], prompt.Count, transcript.DroppedTurns);
    }
}
