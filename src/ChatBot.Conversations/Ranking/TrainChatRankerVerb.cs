using System.Globalization;
using ChatBot.Conversations.Evaluation;
using ChatBot.Core.Hosting;
using ChatBot.Core.Recommendations;
using Spectre.Console;

namespace ChatBot.Conversations.Ranking;

/// <summary>The "train-chat-ranker" verb: fits the conversation ranker on ReDial-format dialogues and saves it in the data folder.</summary>
public sealed class TrainChatRankerVerb(ChatRankerTrainer trainer, ChatRanker ranker, IRecommenderWarmup? warmup = null) : ICommandLineVerb
{
    private const int MaxReportedSkips = 10;

    public string Name => "train-chat-ranker";

    public string Summary => "Fit the chat pipeline's conversation ranker on ReDial-format dialogues and save it in the data folder.";

    public string Usage => """
        Usage: train-chat-ranker --redial FILE.jsonl [FILE.jsonl ...] [--mentions movies_with_mentions.csv]

        Reads ReDial-format dialogues (one JSON object per line), counts which movies the human recommenders
        suggested and which they suggested after a movie had been named, and fits the ranker's feature weights
        on every suggestion of a movie not named before. With --mentions, ReDial's mention counts of the whole
        dialogue set (movieId,movieName,nbMentions) become the community mention features; the fit sees them
        without the training dialogues' own mentions, and the model file keeps them whole. First it fits without a random share of the dialogues
        (ChatRanker:HoldoutShare, default 0.2) and prints the dedup recall on them next to the built-in weights';
        then it fits on all dialogues and writes <Data:Directory>/<ChatRanker:ModelFileName> (default
        data/chat-ranker.json), which the chat pipeline loads within ChatRanker:ReloadCheckSeconds. Delete the
        file to return to the built-in weights. Loads the recommender model first (training one when missing).
        Settings: ChatRanker:*.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var files = new List<string>();
        string? mentionsFile = null;
        var option = string.Empty;
        foreach (var argument in arguments)
        {
            if (argument is "--redial" or "--mentions")
            {
                option = argument;
            }
            else if (argument.StartsWith('-') || option.Length == 0 || (option == "--mentions" && mentionsFile is not null))
            {
                await Console.Error.WriteLineAsync($"Unexpected argument '{argument}'.\n{Usage}").ConfigureAwait(false);
                return 2;
            }
            else if (option == "--redial")
            {
                files.Add(argument);
            }
            else
            {
                mentionsFile = argument;
            }
        }

        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Name the training dialogues after --redial.\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        IReadOnlyList<RedialMentionCount>? mentionCounts = null;
        if (mentionsFile is not null)
        {
            try
            {
                mentionCounts = RedialMentionCounts.Read(mentionsFile);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot read the mention counts: {exception.Message}").ConfigureAwait(false);
                return 2;
            }
        }

        var dialogues = new List<RedialDialogue>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"error: the file '{file}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            var skipped = 0;
            dialogues.AddRange(RedialDialogue.ReadJsonLines(file, (line, reason) =>
            {
                if (++skipped <= MaxReportedSkips)
                {
                    Console.Error.WriteLine($"{file}:{line}: skipped, not a valid ReDial dialogue ({reason})");
                }
            }));
        }

        if (dialogues.Count == 0)
        {
            await Console.Error.WriteLineAsync("error: the files hold no ReDial dialogues; nothing was trained.").ConfigureAwait(false);
            return 2;
        }

        if (warmup is not null && !await warmup.EnsureModelAsync(trainIfMissing: true, cancellationToken).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync("warning: no trained recommender model; the collaborative features are popularity scores.").ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var result = await console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousReporter(report =>
                {
                    if (!tasks.TryGetValue(report.Stage, out var task))
                    {
                        tasks[report.Stage] = task = context.AddTask(report.Stage, maxValue: report.Total);
                    }

                    task.Value = report.Done;
                });
                return Task.Run(() => trainer.Train(dialogues, progress, cancellationToken, mentionCounts), cancellationToken);
            }).ConfigureAwait(false);

        result.Model.Save(ranker.ModelPath);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {result.Dialogues} dialogues ({result.TrainingTurns} suggestion turns); saved {ranker.ModelPath}.")).ConfigureAwait(false);
        if (result.HeldOutBuiltIn is { } builtIn && result.HeldOutTrained is { } trained)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Held out {result.HeldOutDialogues} dialogues ({trained.Turns} dedup turns): built-in weights R@1 {builtIn.RecallAt1:0.000} R@10 {builtIn.RecallAt10:0.000} R@50 {builtIn.RecallAt50:0.000}; trained R@1 {trained.RecallAt1:0.000} R@10 {trained.RecallAt10:0.000} R@50 {trained.RecallAt50:0.000}.")).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync("Weights: " + string.Join(", ", Enum.GetValues<RankingFeature>().Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f} {result.Model.Weights[(int)f]:0.###}")))).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Handles reports on the reporting thread; <see cref="Progress{T}"/> would post them to the thread pool, out of order.</summary>
    private sealed class SynchronousReporter(Action<(string Stage, int Done, int Total)> handler) : IProgress<(string Stage, int Done, int Total)>
    {
        public void Report((string Stage, int Done, int Total) value) => handler(value);
    }
}
