using System.Globalization;
using ChatBot.Catalog;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>The "eval" verb: runs the recommender evaluation and prints the table, optionally writing JSON too.</summary>
public sealed class EvalVerb(
    IOptions<RecommenderOptions> options,
    IOptions<CatalogOptions> catalogOptions,
    IOptions<DataOptions> dataOptions,
    ILoggerFactory loggerFactory) : ICommandLineVerb
{
    private static readonly string[] Protocols =
    [
        EvaluationNames.RatingProtocol, EvaluationNames.TopNProtocol, EvaluationNames.FoldInProtocol, EvaluationNames.SpeedProtocol,
    ];

    public string Name => "eval";

    public string Summary => "Evaluate the recommender against baselines on MovieLens folders and print the table.";

    public string Usage => """
        Usage: eval [FOLDER ...] [--json FILE] [--protocol NAME ...] [--seed N]

        Evaluates the recommender, with every baseline computed in the same run, on each MovieLens FOLDER
        (default: the configured catalog). Protocols (all by default; --protocol may repeat):
          rating-u1-u5                  RMSE and MAE averaged over ml-100k's official folds u1..u5
                                        (only for folders that hold u1.base .. u5.test)
          topn-random-80-20             Recall@10 and NDCG@10; 20% of each user's ratings held out at random,
                                        held-out ratings of 4 stars or more are relevant, every unrated item ranked
          foldin-strong-generalisation  10% of users held out of training and folded in from 80% of their ratings
          speed                         training time (loading included), fold-in and top-10 time, model size
        The table goes to standard output and progress to standard error.
          --json FILE   also write the figures as a JSON array, one object per dataset, protocol and model
          --seed N      seed of the random splits (default 2024)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var folders = new List<string>();
        var protocols = new HashSet<string>(StringComparer.Ordinal);
        string? jsonPath = null;
        var seed = 2024;
        for (var k = 0; k < arguments.Count; k++)
        {
            var argument = arguments[k];
            var hasValue = k + 1 < arguments.Count;
            switch (argument)
            {
                case "--json" when hasValue:
                    jsonPath = arguments[++k];
                    break;
                case "--protocol" when hasValue && Protocols.Contains(arguments[k + 1]):
                    protocols.Add(arguments[++k]);
                    break;
                case "--seed" when hasValue && int.TryParse(arguments[k + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                    seed = parsed;
                    k++;
                    break;
                case var _ when argument.StartsWith("--", StringComparison.Ordinal):
                    return await FailAsync($"'{argument}' is not a known option or lacks a valid value.").ConfigureAwait(false);
                default:
                    if (!Directory.Exists(argument))
                    {
                        return await FailAsync($"The folder '{argument}' does not exist.").ConfigureAwait(false);
                    }

                    folders.Add(argument);
                    break;
            }
        }

        if (folders.Count == 0)
        {
            try
            {
                folders.Add(CatalogProvider.ResolveFolder(catalogOptions.Value, dataOptions.Value));
            }
            catch (CatalogNotFoundException exception)
            {
                return await FailAsync(exception.Message).ConfigureAwait(false);
            }
        }

        var runner = new EvaluationRunner(options.Value, loggerFactory);
        var status = new StatusLine();
        var results = await Task.Factory.StartNew(
            () => runner.Run(folders, new EvaluationSettings(protocols, seed), status, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);

        await Console.Out.WriteAsync(EvaluationReport.ToMarkdown(results)).ConfigureAwait(false);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, EvaluationReport.ToJson(results), cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}\n{Usage}").ConfigureAwait(false);
        return 2;
    }

    /// <summary>Writes each status line to standard error as it comes.</summary>
    private sealed class StatusLine : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
