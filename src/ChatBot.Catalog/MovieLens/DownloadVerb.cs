using ChatBot.Core.Hosting;
using Spectre.Console;

namespace ChatBot.Catalog.MovieLens;

/// <summary>The "download" verb: fetches MovieLens into the data folder with a progress bar.</summary>
public sealed class DownloadVerb(MovieLensDownloader downloader) : ICommandLineVerb
{
    public string Name => "download";

    public string Summary => "Download MovieLens (ml-latest-small by default) into the data folder.";

    public string Usage => """
        Usage: download [--force]

        Downloads the archive named by Catalog:DownloadUrl, verifies its MD5 checksum and unpacks it
        into <Data:Directory>/movielens/. The host then uses it when Catalog:MovieLensPath is not set.
          --force   download again even when the data is already there
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var unknown = arguments.Where(a => a != "--force").ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown argument '{unknown[0]}'.\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        try
        {
            var folder = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("MovieLens", autoStart: true, maxValue: 1);
                    var progress = new SynchronousProgress(p =>
                    {
                        if (p.TotalBytes is { } total)
                        {
                            task.MaxValue = total;
                        }

                        task.Value = p.BytesReceived;
                    });
                    var result = await downloader.DownloadAsync(arguments.Contains("--force"), progress, cancellationToken).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return result;
                }).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(folder).ConfigureAwait(false);
            return 0;
        }
        catch (MovieLensDownloadException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and could report out of order.</summary>
    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
