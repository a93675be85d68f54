using ChatBot.Core.Movies;
using ChatBot.Language.Corpora;
using ChatBot.Language.Prompts;

namespace ChatBot.Language.Training;

/// <summary>The corpora one training run reads.</summary>
/// <param name="SynthesisedDialogues">How many dialogues to synthesise from the catalog; 0 for none.</param>
public sealed record CorpusSources(IReadOnlyList<string> DialogueFiles, IReadOnlyList<string> RedialFiles, int SynthesisedDialogues)
{
    /// <summary>Reads and synthesises every example, in a fixed order.</summary>
    /// <exception cref="InvalidOperationException">Dialogues must be synthesised but there is no catalog.</exception>
    public IReadOnlyList<DialogueExample> Load(IMovieCatalog? catalog, int seed)
    {
        var examples = new List<DialogueExample>();
        foreach (var file in DialogueFiles)
        {
            examples.AddRange(DialogueJsonCorpus.Read(RequireFile(file)));
        }

        foreach (var file in RedialFiles)
        {
            examples.AddRange(RedialCorpus.Read(RequireFile(file)));
        }

        if (SynthesisedDialogues > 0)
        {
            if (catalog is null)
            {
                throw new InvalidOperationException("Synthesising dialogues needs the movie catalog; set Catalog:MovieLensPath, or train only on --dialogues or --redial files with --synthesise 0.");
            }

            examples.AddRange(new SyntheticDialogues(catalog).Generate(SynthesisedDialogues, seed));
        }

        return examples;
    }

    /// <summary>Formats the examples for a context length and splits off a validation share, both in a seed-fixed order.</summary>
    public static (List<TranscriptTokens> Training, List<TranscriptTokens> Validation) Split(
        IReadOnlyList<DialogueExample> examples, TranscriptFormatter formatter, int contextLength, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(formatter);

        // Sequences are one token longer than the context: the model reads all but the last token.
        var formatted = examples.Select(e => formatter.FormatExample(e.Request, e.Response, contextLength + 1)).ToArray();
        new Random(seed).Shuffle(formatted);
        var validationCount = examples.Count < 20 ? 0 : (int)Math.Round(formatted.Length * validationFraction);
        return ([.. formatted.Skip(validationCount)], [.. formatted.Take(validationCount)]);
    }

    private static string RequireFile(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"The corpus file '{path}' does not exist; check the path.", path);
}
