using System.Globalization;
using ChatBot.Core.Hosting;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ChatBot.Recommendations.Training;

/// <summary>The "train" verb: trains the recommender now, with a progress bar, and saves it in the data folder.</summary>
public sealed class TrainVerb(RecommenderTrainingPipeline pipeline, IOptions<RecommenderOptions> options) : ICommandLineVerb
{
    public string Name => "train";

    public string Summary => "Train the recommender on the catalog's and the people's ratings and save it in the data folder.";

    public string Usage => """
        Usage: train

        Trains the rating model (biased matrix factorisation) and the ranking model (EASE) on the catalog's
        ratings plus every person's ratings, showing each epoch's train and validation RMSE on standard error,
        and stopping early when the validation RMSE stops improving. The model is written atomically to
        <Data:Directory>/<Recommender:ModelFileName> (default data/recommender.model); a running host picks up
        models it trains itself, and loads this file when it starts. Settings: Recommender:RatingModel:* and
        Recommender:RankingModel:*.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown argument '{arguments[0]}'.\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var interactive = console.Profile.Capabilities.Interactive;
        var maxEpochs = options.Value.RatingModel.MaxEpochs;
        try
        {
            var model = await console.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var ratingTask = context.AddTask(FactorTrainer.StageName, autoStart: true, maxValue: maxEpochs);
                    var rankingTask = context.AddTask(EaseTrainer.StageName, autoStart: false, maxValue: 3);
                    var progress = new SynchronousProgress(report =>
                    {
                        var task = report.Stage == FactorTrainer.StageName ? ratingTask : rankingTask;
                        task.StartTask();
                        task.MaxValue = report.MaxEpochs;
                        task.Value = report.Epoch;
                        task.Description = Describe(report);
                        if (report.Stage == EaseTrainer.StageName)
                        {
                            ratingTask.Value = ratingTask.MaxValue;
                        }

                        if (!interactive && (report.Epoch % 10 == 0 || report.Epoch == report.MaxEpochs))
                        {
                            console.WriteLine(Describe(report));
                        }
                    });
                    var trained = await pipeline.TrainAsync(progress, cancellationToken).ConfigureAwait(false);
                    ratingTask.Value = ratingTask.MaxValue;
                    rankingTask.Value = rankingTask.MaxValue;
                    return trained;
                }).ConfigureAwait(false);

            var info = model.Info;
            var rmse = info.ValidationRmse is { } value ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Saved {pipeline.ModelPath}: {model.Items.Count} movies ({model.RankingModel.ModelItems.Length} ranked), {info.CatalogRatings} catalog and {info.PersonRatings} people's ratings, {info.Epochs} epochs, validation RMSE {rmse}, {info.TrainingTime.TotalSeconds:F1} s."))
                .ConfigureAwait(false);
            return 0;
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static string Describe(TrainingProgress report)
    {
        if (report.Stage == EaseTrainer.StageName)
        {
            return $"{report.Stage}: step {report.Epoch}/{report.MaxEpochs}";
        }

        var train = report.TrainRmse is { } t ? t.ToString("F4", CultureInfo.InvariantCulture) : "-";
        var validation = report.ValidationRmse is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
        return $"{report.Stage}: epoch {report.Epoch}/{report.MaxEpochs}, train RMSE {train}, validation RMSE {validation}";
    }

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and could report out of order.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
