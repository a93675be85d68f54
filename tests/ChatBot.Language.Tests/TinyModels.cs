using ChatBot.Core.Language;
using ChatBot.Language.Corpora;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;

namespace ChatBot.Language.Tests;

/// <summary>Small models and dialogues that train in seconds on two CPU cores.</summary>
internal static class TinyModels
{
    static TinyModels() => TorchThreads.UseOne();

    public static TranscriptFormatter Formatter { get; } = new(GptTokenizer.Instance);

    public static IReadOnlyList<DialogueExample> Dialogues { get; } =
    [
        Example("What are some good action movies?", "I recommend watching Heat (1995) and Ronin (1998).", "Heat (1995)", "Ronin (1998)"),
        Example("Something funny, please.", "Try Groundhog Day (1993), a warm comedy.", "Groundhog Day (1993)"),
        Example("推荐几部科幻电影", "可以试试“The Matrix (1999)”、“Alien (1979)”。", "The Matrix (1999)", "Alien (1979)"),
        Example("hi", "Hello! What are you in the mood for tonight?"),
    ];

    /// <summary>Creates a seeded model whose vocabulary keeps only the tokens of the given dialogues.</summary>
    public static GptModel Create(IEnumerable<DialogueExample> dialogues, int width = 64, int layers = 2, int heads = 4, int context = 96, int seed = 1)
    {
        var vocabulary = TokenMap.Build(dialogues.Select(d => (IEnumerable<int>)Formatter.FormatExample(d.Request, d.Response, context + 1).Tokens), GptTokenizer.Instance);
        TorchSharp.torch.manual_seed(seed);
        var config = new GptConfig { VocabularySize = vocabulary.Count, Width = width, Layers = layers, Heads = heads, ContextLength = context, Dropout = 0 };
        return new GptModel(config) { Vocabulary = vocabulary };
    }

    public static List<TranscriptTokens> Format(GptModel model, IEnumerable<DialogueExample> dialogues) =>
        [.. dialogues.Select(d => model.Vocabulary.ToModel(Formatter.FormatExample(d.Request, d.Response, model.Config.ContextLength + 1), GptTokenizer.Instance))];

    private static DialogueExample Example(string message, string response, params string[] candidates) => new(
        new ReplyGenerationRequest
        {
            Language = message.Any(c => c > 0x2E80) ? "zh" : "en",
            UserMessage = message,
            Candidates = [.. candidates.Select((title, i) => new CandidateTitle(i + 1, title, [], null))],
            RequestedCount = candidates.Length,
        },
        response);
}
