using System.Net.Sockets;
using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using ChatBot.Operations.Control;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Operations.Tests;

public sealed class ControlSocketTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("chatbot-ops");

    private string DataFolder => _folder.Combine("data");

    [Fact]
    public async Task ControlSocket_RunningBot_OnlyOwnerMayConnect()
    {
        await using var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(bot.SocketPath));
    }

    [Fact]
    public async Task ControlSocket_StoppedBot_RemovesTheFile()
    {
        var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();
        var existedWhileRunning = File.Exists(bot.SocketPath);

        await bot.DisposeAsync();

        Assert.True(existedWhileRunning);
        Assert.False(File.Exists(bot.SocketPath));
    }

    [Fact]
    public async Task SecondBot_SameDataFolder_StopsWithMessage()
    {
        await using var first = BotHost.Create(DataFolder);
        await first.StartAsync();
        await using var second = BotHost.Create(DataFolder);

        var exception = await Assert.ThrowsAsync<DataFolderInUseException>(second.StartAsync);
        using var client = await ControlClient.TryConnectAsync(first.SocketPath, CancellationToken.None);

        Assert.Contains("Another ChatBot process is using the data folder", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Data:Directory", exception.Message, StringComparison.Ordinal);
        Assert.NotNull(client);
        Assert.Equal(Environment.ProcessId, client.Status.ProcessId);
    }

    [Fact]
    public async Task EveryVerb_WhileBotRuns_IsConstructed()
    {
        await using var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();
        await using var command = BotHost.Create(DataFolder);

        // The host constructs every verb to find the one named, so no verb may open the database
        // (and take the data folder's lock) in its constructor.
        var verbs = command.Services.GetServices<ICommandLineVerb>().Select(v => v.Name).ToList();

        Assert.Contains("backup", verbs);
        Assert.Contains("train", verbs);
    }

    [Fact]
    public async Task Database_FirstUseWhileBotRuns_Throws()
    {
        await using var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();
        await using var command = BotHost.Create(DataFolder);
        var people = command.Services.GetRequiredService<IPersonStore>();

        var exception = Assert.Throws<DataFolderInUseException>(() => people.Find(new PlatformIdentity(Platforms.Telegram, "1")));

        Assert.Contains(DataFolder, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleSocket_NoBot_OpensDatabase()
    {
        Directory.CreateDirectory(DataFolder);
        var socketPath = Path.Combine(DataFolder, OperationsOptions.ControlSocketFileName);
        using (var abandoned = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            abandoned.Bind(new UnixDomainSocketEndPoint(socketPath));
        }

        var stats = await BotHost.RunVerbAsync(DataFolder, "stats");
        await using var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();
        using var client = await ControlClient.TryConnectAsync(socketPath, CancellationToken.None);

        Assert.True(File.Exists(socketPath));
        Assert.True(stats.ExitCode == 0, stats.Errors);
        Assert.Contains("no bot is running", stats.Errors, StringComparison.Ordinal);
        Assert.NotNull(client);
    }

    [Fact]
    public async Task Retrain_NoTrigger_Fails()
    {
        // The recommender registers a trigger; a build without one must say so instead of failing silently.
        await using var bot = BotHost.Create(DataFolder, services => services.RemoveAll<IRetrainTrigger>());
        await bot.StartAsync();

        var run = await BotHost.RunVerbAsync(DataFolder, "retrain");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot be retrained on request", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_TriggerInBot_RunsInBot()
    {
        var trigger = new CountingRetrainTrigger();
        await using var bot = BotHost.Create(DataFolder, services => services.AddSingleton<IRetrainTrigger>(trigger));
        await bot.StartAsync();

        // The command's own host has no trigger, so a summary can only come from the bot.
        var run = await BotHost.RunVerbAsync(DataFolder, "retrain");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal("retrained 1 time(s)", run.Output.Trim());
        Assert.Equal(1, trigger.Calls);
    }

    [Fact]
    public async Task Backup_RelativePathOverSocket_IsRejected()
    {
        await using var bot = BotHost.Create(DataFolder);
        await bot.StartAsync();
        using var client = await ControlClient.TryConnectAsync(bot.SocketPath, CancellationToken.None);

        var exception = await Assert.ThrowsAsync<OperationFailedException>(() => client!.BackupAsync("backup.db", overwrite: false, CancellationToken.None));

        Assert.Equal(OperationFailure.InvalidRequest, exception.Failure);
        Assert.Contains("must be absolute", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private sealed class CountingRetrainTrigger : IRetrainTrigger
    {
        private int _calls;

        public int Calls => _calls;

        public Task<string> RetrainAsync(CancellationToken cancellationToken)
        {
            var calls = Interlocked.Increment(ref _calls);
            return Task.FromResult($"retrained {calls} time(s)");
        }
    }
}
