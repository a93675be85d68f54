using System.Text.Json;
using ChatBot.Core.Movies;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Operations.Tests;

/// <summary>The operations commands against a real bot process chatting on its console channel.</summary>
public sealed class RunningBotProcessTests : IDisposable
{
    private const int RatingsSent = 300;
    private const int SavedBeforeBackup = 40;
    private const string SavedPrefix = "Saved: ";

    private readonly TemporaryFolder _folder = new("chatbot-ops");

    [Fact]
    public async Task Backup_FromSecondProcess_KeepsConfirmedRatings()
    {
        var dataFolder = _folder.Combine("data");
        var backup = _folder.Combine("backup.db");
        string[] settings = [$"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={dataFolder}", "--Conversation:RateLimitMessages=0"];
        var requests = await PopularTitlesAsync(RatingsSent);
        using var bot = ChatBotProcess.Start(settings);
        var saved = new List<string>();
        var enoughSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            // Replies are separated by blank lines; a rating reply starts with "Saved: TITLE (YEAR) ★".
            while (await bot.Output.ReadLineAsync() is { } line)
            {
                if (line.StartsWith(SavedPrefix, StringComparison.Ordinal))
                {
                    lock (saved)
                    {
                        saved.Add(line[SavedPrefix.Length..line.IndexOf(" ★", StringComparison.Ordinal)]);
                        if (saved.Count == SavedBeforeBackup)
                        {
                            enoughSaved.TrySetResult();
                        }
                    }
                }
            }
        });

        // Rate the first titles and wait for their confirmations. Then keep rating, paced, while the
        // backup runs in a second process, so that some ratings land during the backup.
        foreach (var title in requests.Take(SavedBeforeBackup))
        {
            await bot.Input.WriteLineAsync($"/rate {title} 4");
        }

        await bot.Input.FlushAsync();
        await enoughSaved.Task.WaitAsync(TimeSpan.FromMinutes(2));
        string[] confirmedBeforeBackup;
        lock (saved)
        {
            confirmedBeforeBackup = [.. saved];
        }

        var backupTask = ChatBotProcess.RunAsync(["backup", backup, .. settings]);
        foreach (var title in requests.Skip(SavedBeforeBackup))
        {
            if (backupTask.IsCompleted)
            {
                break;
            }

            await bot.Input.WriteLineAsync($"/rate {title} 4");
            await bot.Input.FlushAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        var backupRun = await backupTask;
        var restoreWhileRunning = await ChatBotProcess.RunAsync(["restore", backup, .. settings]);
        var secondBot = await ChatBotProcess.RunAsync(settings);
        bot.Input.Close();
        var botExit = await bot.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await reader;

        Assert.True(backupRun.ExitCode == 0, backupRun.Errors);
        Assert.Contains($"asking the running bot (process {bot.ProcessId})", backupRun.Errors, StringComparison.Ordinal);
        Assert.Contains($"Backup written to {backup}", backupRun.Output, StringComparison.Ordinal);
        Assert.Equal(1, restoreWhileRunning.ExitCode);
        Assert.Contains("Stop it first", restoreWhileRunning.Errors, StringComparison.Ordinal);
        Assert.Equal(1, secondBot.ExitCode);
        Assert.Contains($"error: Another ChatBot process is using the data folder '{dataFolder}'", secondBot.Errors, StringComparison.Ordinal);
        Assert.True(botExit == 0, bot.Errors);
        Assert.True(saved.Count > confirmedBeforeBackup.Length, "The bot saved no rating after the backup began.");

        var restoredFolder = _folder.Combine("restored");
        string[] restoredSettings = [$"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={restoredFolder}"];
        var restoreRun = await ChatBotProcess.RunAsync(["restore", backup, .. restoredSettings]);
        var export = await ChatBotProcess.RunAsync(["export-person", "--platform", "console", "--user", "local", .. restoredSettings]);

        Assert.True(restoreRun.ExitCode == 0, restoreRun.Errors);
        Assert.True(export.ExitCode == 0, export.Errors);
        using var json = JsonDocument.Parse(export.Output);
        var restored = json.RootElement.GetProperty("ratings").EnumerateArray()
            .ToDictionary(r => $"{r.GetProperty("title").GetString()} ({r.GetProperty("year").GetInt32()})", r => r.GetProperty("stars").GetDouble(), StringComparer.Ordinal);
        var missing = confirmedBeforeBackup.Where(title => !restored.TryGetValue(title, out var stars) || stars != 4).ToList();
        Assert.True(missing.Count == 0, $"Missing from the restored database: {string.Join("; ", missing)}");
        Assert.True(restored.Count <= saved.Count, $"The restored database holds {restored.Count} ratings, more than the {saved.Count} the bot confirmed.");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Returns "Title (Year)" for the most rated catalog movies whose title and year name one movie.</summary>
    private async Task<IReadOnlyList<string>> PopularTitlesAsync(int count)
    {
        await using var host = BotHost.Create(_folder.Combine("catalog-only"));
        var catalog = host.Services.GetRequiredService<IMovieCatalog>();
        return [.. catalog.Movies
            .Where(m => m.Year is not null)
            .GroupBy(m => m.DisplayTitle, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single())
            .OrderByDescending(m => catalog.RatingCount(m.Id))
            .ThenBy(m => m.Id)
            .Take(count)
            .Select(m => m.DisplayTitle)];
    }
}
