using System.Collections.Concurrent;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Operations.Control;
using ChatBot.Storage;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Operations.Tests;

public sealed class BackupWhileWritingTests
{
    private const int PeopleCount = 5;
    private const int RatingsBeforeBackup = 300;
    private const int MaxRatings = 20_000;

    [Fact]
    public async Task Backup_WhileWriting_KeepsConfirmedRatings()
    {
        using var folder = new TemporaryFolder("chatbot-ops");
        var dataFolder = folder.Combine("data");
        var backupPath = folder.Combine("backups", "while-writing.db");
        await using var bot = BotHost.Create(dataFolder);
        await bot.StartAsync();
        var people = bot.Services.GetRequiredService<IPersonStore>();
        var ratings = bot.Services.GetRequiredService<IRatingStore>();
        var movieIds = bot.Services.GetRequiredService<IMovieCatalog>().Movies.Select(m => m.Id).ToArray();
        var personIds = Enumerable.Range(0, PeopleCount)
            .Select(i => people.GetOrCreate(new PlatformIdentity(Platforms.Telegram, $"{1000 + i}")).Id)
            .ToArray();
        var confirmed = new ConcurrentQueue<(long PersonId, int MovieId, int HalfStars)>();
        var enoughWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopWriting = new CancellationTokenSource();

        // Each write uses its own (person, movie) pair, so a later write cannot hide an earlier one.
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < MaxRatings && !stopWriting.IsCancellationRequested; i++)
            {
                var rating = (personIds[i % PeopleCount], movieIds[i / PeopleCount], 1 + (i % 10));
                ratings.Upsert(rating.Item1, rating.Item2, Stars.FromHalfStars(rating.Item3), DateTimeOffset.UtcNow);
                confirmed.Enqueue(rating);
                if (confirmed.Count == RatingsBeforeBackup)
                {
                    enoughWritten.TrySetResult();
                }
            }
        });
        await enoughWritten.Task.WaitAsync(TimeSpan.FromMinutes(2));

        var confirmedBeforeBackup = confirmed.ToArray();
        using var client = await ControlClient.TryConnectAsync(bot.SocketPath, CancellationToken.None);
        var backup = await client!.BackupAsync(backupPath, overwrite: false, CancellationToken.None);
        var confirmedAfterBackup = confirmed.Count;
        await stopWriting.CancelAsync();
        await writer;
        var writtenInAll = confirmed.Count;

        Assert.True(writtenInAll > confirmedBeforeBackup.Length, "The writer stopped before the backup started, so the test did not write during it.");
        Assert.True(backup.Ratings >= confirmedBeforeBackup.Length, $"The backup reports {backup.Ratings} ratings, fewer than the {confirmedBeforeBackup.Length} confirmed before it began.");
        Assert.True(backup.Ratings <= confirmedAfterBackup, $"The backup reports {backup.Ratings} ratings, more than the {confirmedAfterBackup} confirmed when it ended.");
        Assert.Equal(PeopleCount, backup.People);

        var restoredFolder = folder.Combine("restored");
        Directory.CreateDirectory(restoredFolder);
        var restoredPath = Path.Combine(restoredFolder, StorageServiceCollectionExtensions.DatabaseFileName);
        DatabaseRestorer.Restore(backupPath, restoredPath, DateTimeOffset.UtcNow);
        using var restored = new ChatBotDatabase(restoredPath, NullLogger<ChatBotDatabase>.Instance);
        var restoredRatings = new LiteRatingStore(restored);
        var missing = confirmedBeforeBackup
            .Where(r => restoredRatings.GetRating(r.PersonId, r.MovieId)?.Stars.HalfStars != r.HalfStars)
            .ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} of {confirmedBeforeBackup.Length} confirmed ratings are missing or wrong in the restored database, first: {missing.FirstOrDefault()}.");
        Assert.Equal(backup.Ratings, restoredRatings.GetAllRatings().Count);
    }
}
