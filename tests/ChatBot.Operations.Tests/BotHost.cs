using ChatBot.Core.Hosting;
using ChatBot.Host;
using ChatBot.Operations.Verbs;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Operations.Tests;

/// <summary>
/// The host's real composition over a data folder, without channels. A started one is a running bot for
/// the operations, with its control socket and data folder lock. One that is not started is the process
/// a command runs in.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private bool _started;

    private BotHost(IHost host, string dataFolder)
    {
        Host = host;
        DataFolder = dataFolder;
    }

    public IHost Host { get; }

    public string DataFolder { get; }

    public IServiceProvider Services => Host.Services;

    public string SocketPath => Path.Combine(DataFolder, OperationsOptions.ControlSocketFileName);

    public static BotHost Create(string dataFolder, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        var values = new Dictionary<string, string?>
        {
            ["Data:Directory"] = dataFolder,
            ["Catalog:MovieLensPath"] = TestData.MovieLensSmall,
            ["Catalog:AutoDownload"] = "false",

            // These tests exercise operations, not the recommender; training would only compete for the cores.
            ["Recommender:TrainInBackground"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.AddChatBot(runChannels: false);
        builder.Logging.ClearProviders();
        configure?.Invoke(builder.Services);
        return new BotHost(builder.Build(), dataFolder);
    }

    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    /// <summary>Creates the named verb over this host's services, writing to the given writers.</summary>
    public OperationVerb Verb(string name, TextWriter output, TextWriter errors)
    {
        var registered = Services.GetServices<ICommandLineVerb>().Single(v => v.Name == name);
        var time = Services.GetRequiredService<TimeProvider>();
        return registered switch
        {
            BackupVerb => new BackupVerb(Services, time) { Output = output, Errors = errors },
            RestoreVerb => new RestoreVerb(Services, time) { Output = output, Errors = errors },
            ExportPersonVerb => new ExportPersonVerb(Services) { Output = output, Errors = errors },
            DeletePersonVerb => new DeletePersonVerb(Services) { Output = output, Errors = errors },
            StatsVerb => new StatsVerb(Services) { Output = output, Errors = errors },
            RetrainVerb => new RetrainVerb(Services) { Output = output, Errors = errors },
            _ => throw new ArgumentException($"'{name}' is not an operations verb.", nameof(name)),
        };
    }

    /// <summary>Runs a verb in a fresh command host over the same data folder, as a second process would.</summary>
    public static async Task<VerbRun> RunVerbAsync(string dataFolder, string name, params string[] arguments)
    {
        await using var command = Create(dataFolder);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await command.Verb(name, output, errors).RunAsync(arguments, CancellationToken.None);
        return new VerbRun(exitCode, output.ToString(), errors.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Host.StopAsync();
        }

        Host.Dispose();
    }
}

internal sealed record VerbRun(int ExitCode, string Output, string Errors);
