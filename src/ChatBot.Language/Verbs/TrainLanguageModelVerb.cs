using System.Globalization;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Language.Checkpoints;
using ChatBot.Language.Configuration;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using ChatBot.Language.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ChatBot.Language.Verbs;

/// <summary>The "train-lm" verb: trains or fine-tunes the local reply model, with a progress bar on standard error.</summary>
public sealed partial class TrainLanguageModelVerb(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<LanguageOptions> options,
    ILogger<TrainLanguageModelVerb> logger) : ICommandLineVerb
{
    /// <summary>How many dialogues are synthesised when no corpus option is given.</summary>
    public const int DefaultSynthesisedDialogues = 12_000;

    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "resume", "help" };

    private static readonly HashSet<string> Options = new(StringComparer.OrdinalIgnoreCase)
    {
        "dialogues", "redial", "synthesise", "output", "init-from", "layers", "heads", "width", "context", "dropout",
        "epochs", "max-steps", "max-minutes", "batch-size", "learning-rate", "warmup", "eval-every", "checkpoint-every",
        "patience", "validation-fraction", "seed", "threads", "prompt-format",
    };

    public string Name => "train-lm";

    public string Summary => "Train or fine-tune the local language model that writes replies.";

    public string Usage => """
        Usage: train-lm [corpus options] [model options] [training options]

        Corpus (default: --synthesise 12000):
          --synthesise N          dialogues synthesised from the catalog and its ratings (0 for none)
          --dialogues FILE        JSON array of {"user_id", "message", "response"} exchanges (repeatable)
          --redial FILE           ReDial-style JSONL conversations (repeatable)

        Model (a new model unless --resume or --init-from):
          --output DIR            model folder (default: Language:ModelPath, else models/reply-gpt under Data:Directory)
          --resume                continue from the checkpoint in the output folder
          --init-from DIR|ID      fine-tune a GPT-2 checkpoint: a folder (config.json + model.safetensors, or a model
                                  of this project) or a Hugging Face model id such as gpt2 (needs internet access)
          --layers N              transformer blocks (default 4)
          --heads N               attention heads (default 4)
          --width N               embedding width (default 128)
          --context N             context length in tokens (default 256)
          --dropout P             dropout probability (default 0)
          --prompt-format F       compact (slots only, the default) or full (titles and reasons written out);
                                  a resumed or fine-tuned model keeps its own format (full for GPT-2 checkpoints)

        Training:
          --epochs N              passes over the corpus (default 2)
          --max-steps N           stop after N optimiser steps
          --max-minutes M         stop after M minutes; the learning-rate decay follows the time (default 12)
          --batch-size N          sequences per step (default 16)
          --learning-rate LR      peak AdamW learning rate (default 0.003)
          --warmup N              linear warm-up steps (default 100)
          --eval-every N          steps between validation runs (default 250)
          --checkpoint-every N    steps between resumable checkpoints (default 250)
          --patience N            validation runs without improvement before stopping; 0 disables (default 4)
          --validation-fraction F share of dialogues held out for validation (default 0.02)
          --seed N                seed of initialisation, data order and synthesis (default 42)
          --threads N             CPU threads for TorchSharp (default: TorchSharp's choice)

        Progress goes to standard error; a one-line summary goes to standard output.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        VerbArguments parsed;
        try
        {
            parsed = VerbArguments.Parse(arguments, Flags, Options);
            if (parsed.Has("help"))
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }

            return await TrainAsync(parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or FileNotFoundException or InvalidOperationException or System.ComponentModel.DataAnnotations.ValidationException)
        {
            Console.Error.WriteLine("train-lm: " + exception.Message);
            return 2;
        }
    }

    private async Task<int> TrainAsync(VerbArguments arguments, CancellationToken cancellationToken)
    {
        var seed = arguments.GetInt("seed", 42, 0, int.MaxValue);
        var output = arguments.Get("output") is { } path ? Path.GetFullPath(path) : LanguagePaths.ModelFolder(configuration, options.Value);
        var threads = arguments.GetInt("threads", 0, 0, 1024);
        var promptFormat = ReadPromptFormat(arguments);
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        var hasCorpusOption = arguments.All("dialogues").Count > 0 || arguments.All("redial").Count > 0;
        var sources = new CorpusSources(
            arguments.All("dialogues"),
            arguments.All("redial"),
            arguments.GetInt("synthesise", hasCorpusOption ? 0 : DefaultSynthesisedDialogues, 0, 10_000_000));
        var training = new TrainingOptions
        {
            Epochs = arguments.GetInt("epochs", 2, 1, 10_000),
            MaxSteps = arguments.Get("max-steps") is null ? null : arguments.GetInt("max-steps", 0, 1, int.MaxValue),
            TimeLimit = TimeSpan.FromMinutes(arguments.GetDouble("max-minutes", 12, 0.01, 100_000)),
            BatchSize = arguments.GetInt("batch-size", 16, 1, 4096),
            LearningRate = arguments.GetDouble("learning-rate", 3e-3, 1e-7, 1),
            WarmupSteps = arguments.GetInt("warmup", 100, 0, 1_000_000),
            EvaluateEvery = arguments.GetInt("eval-every", 250, 1, int.MaxValue),
            CheckpointEvery = arguments.GetInt("checkpoint-every", 250, 1, int.MaxValue),
            Patience = arguments.GetInt("patience", 4, 0, 10_000),
            Seed = seed,
        };
        var validationFraction = arguments.GetDouble("validation-fraction", 0.02, 0, 0.5);

        var resume = arguments.Has("resume");
        var catalog = sources.SynthesisedDialogues > 0 ? (IMovieCatalog?)services.GetService(typeof(IMovieCatalog)) : null;
        var examples = sources.Load(catalog, seed);
        var pretrained = await CreateModelAsync(arguments, output, resume, seed, cancellationToken).ConfigureAwait(false);
        var formatter = new TranscriptFormatter(GptTokenizer.Instance, pretrained?.Config.PromptFormat ?? promptFormat);
        var contextLength = pretrained?.Config.ContextLength ?? arguments.GetInt("context", GptConfig.Default.ContextLength, 16, 8192);
        var (gptTraining, gptValidation) = CorpusSources.Split(examples, formatter, contextLength, validationFraction, seed);
        using (var model = pretrained ?? CreateNewModel(arguments, [.. gptTraining, .. gptValidation], formatter.Tokenizer, contextLength, catalog ?? (IMovieCatalog?)services.GetService(typeof(IMovieCatalog))))
        {
            var trainingSet = gptTraining.Select(t => model.Vocabulary.ToModel(t, formatter.Tokenizer)).ToList();
            var validationSet = gptValidation.Select(t => model.Vocabulary.ToModel(t, formatter.Tokenizer)).ToList();
            if (pretrained is null)
            {
                // A new model writes only what its replies contained; a fine-tuned checkpoint keeps its whole vocabulary.
                model.OutputTokens = GptTrainer.ReplyTokens([.. trainingSet, .. validationSet]);
            }

            LogTrainingStarted(logger, trainingSet.Count, validationSet.Count, model.ParameterCount, output);

            var result = RunWithProgress(model, trainingSet, validationSet, training, output, resume, cancellationToken);
            LogTrainingFinished(logger, result.Steps, result.StopReason, result.BestValidationLoss ?? double.NaN, output);

            var perplexity = result.BestValidationLoss is { } loss ? Math.Exp(loss).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            Console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"steps={result.Steps} stop=\"{result.StopReason}\" loss={result.FinalLoss:F4} validation_loss={result.BestValidationLoss:F4} validation_perplexity={perplexity} tokens_per_second={result.TokensPerSecond:F0} elapsed={result.Elapsed:hh\\:mm\\:ss} output_tokens={model.OutputCount} model=\"{output}\""));
            return result.StopReason == "cancelled" ? 130 : 0;
        }
    }

    /// <summary>Loads the model to resume or fine-tune, or returns null when a new model is to be created.</summary>
    private async Task<GptModel?> CreateModelAsync(VerbArguments arguments, string output, bool resume, int seed, CancellationToken cancellationToken)
    {
        TorchSharp.torch.manual_seed(seed);
        if (resume)
        {
            if (!GptTrainer.CanResume(output))
            {
                throw new InvalidOperationException($"There is no checkpoint to resume in '{GptTrainer.CheckpointFolder(output)}'; train once without --resume.");
            }

            return GptModelFiles.Load(GptTrainer.CheckpointFolder(output));
        }

        if (arguments.Get("init-from") is { } source)
        {
            var folder = Directory.Exists(source) ? source : await DownloadAsync(source, cancellationToken).ConfigureAwait(false);
            var pretrained = GptModelFiles.Load(folder);
            pretrained.EnsureGpt2Vocabulary();
            pretrained.train();
            return pretrained;
        }

        return null;
    }

    private static PromptFormat ReadPromptFormat(VerbArguments arguments) => arguments.Get("prompt-format") switch
    {
        null => GptConfig.Default.PromptFormat,
        var value when Enum.TryParse<PromptFormat>(value, ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(value, out _) => format,
        var value => throw new ArgumentException($"--prompt-format is '{value}', but it must be compact or full."),
    };

    /// <summary>Creates an untrained model whose vocabulary keeps the tokens of the corpus and of every catalog title.</summary>
    private static GptModel CreateNewModel(VerbArguments arguments, IReadOnlyList<TranscriptTokens> corpus, GptTokenizer tokenizer, int contextLength, IMovieCatalog? catalog)
    {
        var sequences = corpus.Select(t => (IEnumerable<int>)t.Tokens).ToList();
        foreach (var movie in catalog?.Movies ?? [])
        {
            sequences.Add(tokenizer.Encode(" " + movie.DisplayTitle));
            sequences.Add(tokenizer.Encode(movie.DisplayTitle));
        }

        var vocabulary = TokenMap.Build(sequences, tokenizer);
        var config = new GptConfig
        {
            VocabularySize = vocabulary.Count,
            Layers = arguments.GetInt("layers", GptConfig.Default.Layers, 1, 96),
            Heads = arguments.GetInt("heads", GptConfig.Default.Heads, 1, 128),
            Width = arguments.GetInt("width", GptConfig.Default.Width, 8, 16384),
            ContextLength = contextLength,
            Dropout = arguments.GetDouble("dropout", GptConfig.Default.Dropout, 0, 0.9),
            PromptFormat = ReadPromptFormat(arguments),
        };
        return new GptModel(config) { Vocabulary = vocabulary };
    }

    private async Task<string> DownloadAsync(string modelId, CancellationToken cancellationToken)
    {
        var folder = LanguagePaths.PretrainedFolder(configuration, modelId);
        LogDownloading(logger, modelId, folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var downloader = new HuggingFaceDownloader(http, options.Value.HuggingFaceBaseUrl);
        return await downloader.DownloadAsync(modelId, folder, progress: null, cancellationToken).ConfigureAwait(false);
    }

    private static TrainingResult RunWithProgress(
        GptModel model, List<TranscriptTokens> trainingSet, List<TranscriptTokens> validationSet, TrainingOptions training, string output, bool resume, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        TrainingResult? result = null;
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: 1000);
                result = new GptTrainer().Train(model, trainingSet, validationSet, training, output, resume, progress =>
                {
                    var validation = progress.ValidationLoss is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";
                    task.Description = string.Create(
                        CultureInfo.InvariantCulture,
                        $"step {progress.Step} loss {progress.Loss:F3} val {validation} {progress.TokensPerSecond:N0} tok/s");
                    task.Value = progress.Fraction * 1000;
                }, cancellationToken);
                task.Value = 1000;
            });
        return result!;
    }

    [LoggerMessage(EventId = 5201, EventName = "TrainingStarted", Level = LogLevel.Information,
        Message = "Training the language model on {TrainingExamples} dialogues ({ValidationExamples} for validation), {Parameters} parameters, output {Output}.")]
    private static partial void LogTrainingStarted(ILogger logger, int trainingExamples, int validationExamples, long parameters, string output);

    [LoggerMessage(EventId = 5202, EventName = "TrainingFinished", Level = LogLevel.Information,
        Message = "Training stopped after {Steps} steps ({StopReason}); best validation loss {ValidationLoss:F4}; model in {Output}.")]
    private static partial void LogTrainingFinished(ILogger logger, long steps, string stopReason, double validationLoss, string output);

    [LoggerMessage(EventId = 5203, EventName = "DownloadingCheckpoint", Level = LogLevel.Information,
        Message = "Downloading the pretrained checkpoint {ModelId} to {Folder}.")]
    private static partial void LogDownloading(ILogger logger, string modelId, string folder);
}
