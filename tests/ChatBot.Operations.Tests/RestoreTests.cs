using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Storage;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Operations.Tests;

public sealed class RestoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("chatbot-ops");

    private string DataFolder => _folder.Combine("data");

    private string DatabasePath => Path.Combine(DataFolder, StorageServiceCollectionExtensions.DatabaseFileName);

    [Fact]
    public async Task Restore_WhileBotRuns_IsRejected()
    {
        await AddPersonAsync("111", 2571);
        var backup = _folder.Combine("backup.db");
        Assert.Equal(0, (await BotHost.RunVerbAsync(DataFolder, "backup", backup)).ExitCode);
        await using var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();

        var run = await BotHost.RunVerbAsync(DataFolder, "restore", backup);
        var stats = await BotHost.RunVerbAsync(DataFolder, "stats");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"is running on the data folder {DataFolder}", run.Errors, StringComparison.Ordinal);
        Assert.Contains("Stop it first", run.Errors, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(DataFolder, "*.replaced-*"));
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("asking the running bot", stats.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_NoControlSocket_IsRejected()
    {
        await AddPersonAsync("111", 2571);
        var backup = _folder.Combine("backup.db");
        Assert.Equal(0, (await BotHost.RunVerbAsync(DataFolder, "backup", backup)).ExitCode);
        await using var bot = BotHost.Create(DataFolder, settings: new Dictionary<string, string?> { ["Operations:ControlSocket"] = "false" });
        await bot.StartAsync();

        var run = await BotHost.RunVerbAsync(DataFolder, "restore", backup);
        var stats = await BotHost.RunVerbAsync(DataFolder, "stats");

        Assert.False(File.Exists(bot.SocketPath));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Another ChatBot process is using the data folder", run.Errors, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(DataFolder, "*.replaced-*"));
        Assert.Equal(1, stats.ExitCode);
        Assert.Contains("Operations:ControlSocket", stats.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_StoppedBot_KeepsReplacedDatabase()
    {
        await AddPersonAsync("111", 2571);
        var backup = _folder.Combine("backup.db");
        Assert.Equal(0, (await BotHost.RunVerbAsync(DataFolder, "backup", backup)).ExitCode);
        await AddPersonAsync("222", 296);

        var run = await BotHost.RunVerbAsync(DataFolder, "restore", backup);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("1 people, 1 ratings", run.Output, StringComparison.Ordinal);
        var replaced = Assert.Single(Directory.GetFiles(DataFolder, "chatbot.replaced-*.db"), f => !f.EndsWith("-log.db", StringComparison.Ordinal));
        Assert.Contains($"The replaced database is kept as {replaced}.", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, DatabaseFile.Inspect(replaced).People);
        Assert.False(File.Exists(DatabasePath + ".restoring"));
        await using var restored = BotHost.Create(DataFolder);
        var people = restored.Services.GetRequiredService<IPersonStore>();
        Assert.NotNull(people.Find(new PlatformIdentity(Platforms.Telegram, "111")));
        Assert.Null(people.Find(new PlatformIdentity(Platforms.Telegram, "222")));
    }

    [Fact]
    public async Task Restore_LeftoverJournal_IsNotReplayed()
    {
        await AddPersonAsync("111", 2571);
        var backup = _folder.Combine("backup.db");
        Assert.Equal(0, (await BotHost.RunVerbAsync(DataFolder, "backup", backup)).ExitCode);
        var journal = DatabaseFile.CompanionFiles(DatabasePath)[1];
        var crashedJournal = _folder.Combine("crashed.journal");
        await using (var host = BotHost.Create(DataFolder))
        {
            // Closing the database empties the journal, so its content is copied while a rating is in it,
            // which leaves the journal a killed process would leave.
            var person = host.Services.GetRequiredService<IPersonStore>().GetOrCreate(new PlatformIdentity(Platforms.Telegram, "222"));
            host.Services.GetRequiredService<IRatingStore>().Upsert(person.Id, 296, Stars.FromValue(2), DateTimeOffset.UtcNow);
            File.Copy(journal, crashedJournal);
        }

        File.Copy(crashedJournal, journal, overwrite: true);
        Assert.True(new FileInfo(journal).Length > 0);

        var run = await BotHost.RunVerbAsync(DataFolder, "restore", backup);
        var stats = await BotHost.RunVerbAsync(DataFolder, "stats", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("\"ratings\": 1,", stats.Output, StringComparison.Ordinal);
        var keptJournal = Assert.Single(Directory.GetFiles(DataFolder, "chatbot.replaced-*.ratings.journal"));
        Assert.Contains($"Its companion file is kept as {keptJournal}.", run.Output, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(crashedJournal), await File.ReadAllBytesAsync(keptJournal));
    }

    [Fact]
    public async Task Restore_NotADatabase_ChangesNothing()
    {
        await AddPersonAsync("111", 2571);
        var before = await File.ReadAllBytesAsync(DatabasePath);
        var garbage = _folder.Combine("notes.db");
        await File.WriteAllTextAsync(garbage, new string('x', 20_000));

        var run = await BotHost.RunVerbAsync(DataFolder, "restore", garbage);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a readable ChatBot database", run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(DatabasePath));
        Assert.Empty(Directory.GetFiles(DataFolder, "*.replaced-*"));
        Assert.False(File.Exists(DatabasePath + ".restoring"));
    }

    [Fact]
    public async Task Restore_FreshFolderWithoutCatalog_Works()
    {
        await AddPersonAsync("111", 2571);
        var backup = _folder.Combine("backup.db");
        Assert.Equal(0, (await BotHost.RunVerbAsync(DataFolder, "backup", backup)).ExitCode);
        var freshFolder = _folder.Combine("fresh");
        await using var command = BotHost.Create(freshFolder, settings: new Dictionary<string, string?> { ["Catalog:MovieLensPath"] = null });
        using var output = new StringWriter();
        using var errors = new StringWriter();

        // A new machine restores before the bot has ever downloaded a catalog.
        var exitCode = await command.Verb("restore", output, errors).RunAsync([backup], CancellationToken.None);

        Assert.True(exitCode == 0, errors.ToString());
        Assert.Contains("1 people, 1 ratings", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, DatabaseFile.Inspect(Path.Combine(freshFolder, StorageServiceCollectionExtensions.DatabaseFileName)).Ratings);
    }

    [Fact]
    public async Task Restore_MissingFile_SaysSo()
    {
        var run = await BotHost.RunVerbAsync(DataFolder, "restore", _folder.Combine("nowhere.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nowhere.db' does not exist", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_ExistingFile_NeedsForce()
    {
        await AddPersonAsync("111", 2571);
        var backup = _folder.Combine("backup.db");
        await File.WriteAllTextAsync(backup, "an earlier file");

        var rejected = await BotHost.RunVerbAsync(DataFolder, "backup", backup);
        var earlierFile = await File.ReadAllTextAsync(backup);
        var forced = await BotHost.RunVerbAsync(DataFolder, "backup", backup, "--force");

        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("already exists", rejected.Errors, StringComparison.Ordinal);
        Assert.Equal("an earlier file", earlierFile);
        Assert.True(forced.ExitCode == 0, forced.Errors);
        Assert.Equal(1, DatabaseFile.Inspect(backup).Ratings);
    }

    [Fact]
    public async Task Backup_NoFile_WritesIntoTheBackupsFolder()
    {
        await AddPersonAsync("111", 2571);

        var run = await BotHost.RunVerbAsync(DataFolder, "backup");

        Assert.True(run.ExitCode == 0, run.Errors);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(DataFolder, "backups"), "chatbot-*.db"));
        Assert.Contains($"Backup written to {file}", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 people, 1 ratings", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private async Task AddPersonAsync(string telegramUserId, int movieId)
    {
        await using var host = BotHost.Create(DataFolder);
        var person = host.Services.GetRequiredService<IPersonStore>().GetOrCreate(new PlatformIdentity(Platforms.Telegram, telegramUserId));
        host.Services.GetRequiredService<IRatingStore>().Upsert(person.Id, movieId, Stars.FromValue(4), DateTimeOffset.UtcNow);
    }
}
