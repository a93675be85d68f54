using System.Globalization;
using ChatBot.Core.Hosting;
using ChatBot.Core.Language;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Configuration;
using ChatBot.Language.Generation;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatBot.Language.Verbs;

/// <summary>The "generate" verb: tries the local model on messages from the command line or standard input.</summary>
public sealed class GenerateVerb(IConfiguration configuration, IOptions<LanguageOptions> options) : ICommandLineVerb
{
    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "no-cache", "help" };

    private static readonly HashSet<string> Options = new(StringComparer.OrdinalIgnoreCase)
    {
        "model", "language", "candidates", "count", "temperature", "top-k", "top-p", "repetition-penalty", "max-new-tokens", "seed",
    };

    public string Name => "generate";

    public string Summary => "Write replies with the local language model, for trying a trained model.";

    public string Usage => """
        Usage: generate [options] [MESSAGE]

        Writes the bot's reply to MESSAGE, or to each line of standard input when no MESSAGE is given.
        Replies go to standard output, one per line; speed figures go to standard error.

          --model DIR             model folder (default: Language:ModelPath, else models/reply-gpt under Data:Directory)
          --language en|zh        reply language (default en)
          --candidates LIST       candidate titles separated by ';', such as "Heat (1995); Ronin (1998)"
          --count N               how many candidates to recommend (default 3)
          --temperature T         0 for greedy (default 0.7)
          --top-k K               0 disables (default 40)
          --top-p P               1 disables (default 0.9)
          --repetition-penalty R  1 disables (default 1.1)
          --max-new-tokens N      (default 80)
          --seed N                fixed seed for reproducible output
          --no-cache              recompute every position instead of using the key/value cache
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            var parsed = VerbArguments.Parse(arguments, Flags, Options);
            if (parsed.Has("help"))
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }

            return await GenerateAsync(parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or FileNotFoundException)
        {
            Console.Error.WriteLine("generate: " + exception.Message);
            return 2;
        }
    }

    private async Task<int> GenerateAsync(VerbArguments arguments, CancellationToken cancellationToken)
    {
        var folder = arguments.Get("model") ?? LanguagePaths.ModelFolder(configuration, options.Value);
        using var model = GptModelFiles.Load(folder);
        model.EnsureGpt2Vocabulary();
        var formatter = new TranscriptFormatter(GptTokenizer.Instance, model.Config.PromptFormat);
        var candidates = (arguments.Get("candidates") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((title, index) => new CandidateTitle(-1 - index, title, [], null))
            .ToList();
        var settings = new GenerationSettings
        {
            MaxNewTokens = arguments.GetInt("max-new-tokens", 80, 1, model.Config.ContextLength - 1),
            Temperature = arguments.GetDouble("temperature", 0.7, 0, 5),
            TopK = arguments.GetInt("top-k", 40, 0, 1_000_000),
            TopP = arguments.GetDouble("top-p", 0.9, 0.01, 1),
            RepetitionPenalty = arguments.GetDouble("repetition-penalty", 1.1, 1, 5),
            Seed = arguments.Get("seed") is null ? null : arguments.GetInt("seed", 0, 0, int.MaxValue),
            UseCache = !arguments.Has("no-cache"),
        };
        var language = arguments.Get("language") ?? "en";
        var count = arguments.GetInt("count", 3, 0, 100);

        var messages = arguments.Positional.Count > 0 ? [string.Join(' ', arguments.Positional)] : ReadLines();
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new ReplyGenerationRequest { Language = language, UserMessage = message, Candidates = candidates, RequestedCount = count };
            var prompt = formatter.FormatPrompt(request, model.Config.ContextLength, settings.MaxNewTokens);
            var result = await Task.Run(() => GptGenerator.Generate(model, prompt.Tokens, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(TranscriptFormatter.Relexicalize(formatter.Tokenizer.Decode(result.Tokens), request).Trim());
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Tokens.Count} tokens in {result.Elapsed.TotalMilliseconds:F0} ms ({result.Tokens.Count / Math.Max(result.Elapsed.TotalSeconds, 1e-9):F0} tokens/s), first token after {result.TimeToFirstToken.TotalMilliseconds:F0} ms, stopped by {result.StopReason}"));
        }

        return 0;
    }

    private static IEnumerable<string> ReadLines()
    {
        while (Console.In.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
    }
}
