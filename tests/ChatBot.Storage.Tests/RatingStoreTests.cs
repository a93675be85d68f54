using System.Diagnostics;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Storage.Tests;

public sealed class RatingStoreTests
{
    [Fact]
    public void Upsert_SecondRating_ReplacesFirstAndKeepsItsTime()
    {
        using var store = new StoreFixture();
        var person = store.People.GetOrCreate(new PlatformIdentity("console", "local"));
        var first = store.Time.GetUtcNow();
        store.Ratings.Upsert(person.Id, 2571, Stars.FromValue(4), first);
        store.Time.Advance(TimeSpan.FromHours(1));

        var previous = store.Ratings.Upsert(person.Id, 2571, Stars.FromValue(4.5), store.Time.GetUtcNow());

        Assert.Equal(Stars.FromValue(4), previous?.Stars);
        var rating = Assert.Single(store.Ratings.GetRatings(person.Id));
        Assert.Equal(Stars.FromValue(4.5), rating.Stars);
        Assert.Equal(first.AddHours(1), rating.RatedAt);
        Assert.Equal(2, store.Ratings.ChangeCount);
    }

    [Fact]
    public void Remove_RatedMovie_ReturnsRemovedRating()
    {
        using var store = new StoreFixture();
        var person = store.People.GetOrCreate(new PlatformIdentity("console", "local"));
        store.Ratings.Upsert(person.Id, 1, Stars.FromValue(2), store.Time.GetUtcNow());

        var removed = store.Ratings.Remove(person.Id, 1);
        var again = store.Ratings.Remove(person.Id, 1);

        Assert.Equal(Stars.FromValue(2), removed?.Stars);
        Assert.Null(again);
        Assert.Empty(store.Ratings.GetRatings(person.Id));
    }

    [Fact]
    public void Ratings_AfterReopen_AreStillThere()
    {
        using var store = new StoreFixture();
        var person = store.People.GetOrCreate(new PlatformIdentity("console", "local"));
        store.Ratings.Upsert(person.Id, 1, Stars.FromValue(5), store.Time.GetUtcNow());
        store.Ratings.Upsert(person.Id, 2, Stars.FromValue(0.5), store.Time.GetUtcNow());

        store.Reopen();

        Assert.Equal([0.5, 5.0], store.Ratings.GetRatings(person.Id).Select(r => r.Stars.Value).Order());
    }

    [Fact]
    public async Task Upsert_FiftyParallelWriters_LosesNothing()
    {
        using var store = new StoreFixture();
        const int writers = 50;
        const int ratingsEach = 20;
        var people = Enumerable.Range(0, writers).Select(i => store.People.GetOrCreate(new PlatformIdentity("telegram", $"{i}"))).ToList();

        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = writers }, (writer, _) =>
        {
            for (var movie = 1; movie <= ratingsEach; movie++)
            {
                store.Ratings.Upsert(people[writer].Id, movie, Stars.FromHalfStars(1 + ((writer + movie) % 10)), DateTimeOffset.UtcNow);
            }

            return ValueTask.CompletedTask;
        });
        store.Reopen();

        Assert.Equal(writers * ratingsEach, store.Ratings.GetAllRatings().Count);
        foreach (var (person, writer) in people.Select((p, i) => (p, i)))
        {
            var ratings = store.Ratings.GetRatings(person.Id);
            Assert.Equal(ratingsEach, ratings.Count);
            Assert.All(ratings, r => Assert.Equal(1 + ((writer + r.MovieId) % 10), r.Stars.HalfStars));
        }
    }

    [Fact]
    public async Task Upsert_ProcessKilledMidWrite_KeepsEveryConfirmedRating()
    {
        using var folder = new TemporaryFolder("chatbot-crash");
        var path = folder.Combine("chatbot.db");
        var writer = Path.Combine(AppContext.BaseDirectory, "ChatBot.Storage.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet", [writer, path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(start)!;
        var lastConfirmed = 0;
        long personId = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("person ", StringComparison.Ordinal))
            {
                personId = long.Parse(line["person ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("confirmed ", StringComparison.Ordinal))
            {
                lastConfirmed = int.Parse(line["confirmed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (lastConfirmed >= 300)
                {
                    // SIGKILL: no finally blocks, no disposal, no flush by the process itself.
                    process.Kill();
                    break;
                }
            }
        }

        await process.WaitForExitAsync();
        Assert.True(lastConfirmed >= 300, $"The writer stopped early: {await process.StandardError.ReadToEndAsync()}");

        using var database = new ChatBotDatabase(path, NullLogger<ChatBotDatabase>.Instance);
        var ratings = new LiteRatingStore(database).GetRatings(personId).Select(r => r.MovieId).ToHashSet();
        var missing = Enumerable.Range(1, lastConfirmed).Where(id => !ratings.Contains(id)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Backup_WhileWriterAddsRatings_ContainsEveryRatingConfirmedBefore()
    {
        using var store = new StoreFixture();
        var person = store.People.GetOrCreate(new PlatformIdentity("console", "local"));
        var backupPath = Path.Combine(Path.GetDirectoryName(store.Path)!, "backup.db");
        using var stop = new CancellationTokenSource();
        var confirmed = 0;
        var writer = Task.Run(() =>
        {
            for (var movie = 1; !stop.IsCancellationRequested; movie++)
            {
                store.Ratings.Upsert(person.Id, movie, Stars.FromValue(3), DateTimeOffset.UtcNow);
                Volatile.Write(ref confirmed, movie);
            }
        });
        while (Volatile.Read(ref confirmed) < 100)
        {
            await Task.Delay(5);
        }

        var confirmedBeforeBackup = Volatile.Read(ref confirmed);
        store.Database.Backup(backupPath);
        await stop.CancelAsync();
        await writer;

        using var restored = new ChatBotDatabase(backupPath, NullLogger<ChatBotDatabase>.Instance);
        var movies = new LiteRatingStore(restored).GetRatings(person.Id).Select(r => r.MovieId).ToHashSet();
        Assert.All(Enumerable.Range(1, confirmedBeforeBackup), id => Assert.Contains(id, movies));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upsert_ConcurrentWriters_FlushWhenSynced(bool syncWrites)
    {
        using var folder = new TemporaryFolder("chatbot-sync");
        var path = Path.Combine(folder.Path, "chatbot.db");
        const int writers = 8;
        const int ratingsEach = 40;
        long flushes;
        using (var database = new ChatBotDatabase(path, NullLogger<ChatBotDatabase>.Instance, syncWrites: syncWrites))
        {
            var people = new LitePersonStore(database);
            var ratings = new LiteRatingStore(database);
            var ids = Enumerable.Range(0, writers).Select(i => people.GetOrCreate(new PlatformIdentity("console", $"writer-{i}")).Id).ToList();
            await Task.WhenAll(ids.Select(id => Task.Run(() =>
            {
                for (var movie = 1; movie <= ratingsEach; movie++)
                {
                    ratings.Upsert(id, movie, Stars.FromValue(4), DateTimeOffset.UtcNow);
                }
            })));
            flushes = database.Journal.Flushes;
        }

        // Writers that arrive while a flush runs share the next one, so there are never more flushes than writes.
        if (syncWrites)
        {
            Assert.InRange(flushes, 1, writers * ratingsEach);
        }
        else
        {
            Assert.Equal(0, flushes);
        }

        using var reopened = new ChatBotDatabase(path, NullLogger<ChatBotDatabase>.Instance);
        Assert.Equal(writers * ratingsEach, new LiteRatingStore(reopened).GetAllRatings().Count);
    }
}
