using System.Text.RegularExpressions;
using ChatBot.Channels.Console;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Host;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.EndToEnd.Tests;

/// <summary>A console reply: its text and the numbered movies it listed, resolved to catalog movies.</summary>
internal sealed record ConsoleReply(string Text, IReadOnlyList<Movie> Movies);

/// <summary>
/// Runs the host composed as in production (real ml-latest-small, LiteDB in a temporary data folder,
/// the configured reply generator) with the console channel reading a scripted session.
/// </summary>
internal static partial class ConsoleSession
{
    public static async Task<(IReadOnlyList<ConsoleReply> Replies, IMovieCatalog Catalog)> RunAsync(string dataFolder, IEnumerable<string> lines, params string[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [$"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={dataFolder}", "--Console:Enabled=false", .. settings],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddChatBot(runChannels: false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var output = new StringWriter();
        var input = new StringReader(string.Join('\n', lines) + "\n");
        builder.Services.AddHostedService(provider => new ConsoleChannelService(
            provider.GetRequiredService<IConversationHandler>(),
            provider.GetRequiredService<IOptions<ConsoleChannelOptions>>(),
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<ConsoleChannelService>>(),
            status: null,
            input: input,
            output: output,
            interactive: false));

        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var catalog = host.Services.GetRequiredService<IMovieCatalog>();
        await host.StartAsync(timeout.Token);
        await host.WaitForShutdownAsync(timeout.Token);
        var byTitle = catalog.Movies.GroupBy(m => m.DisplayTitle).ToDictionary(g => g.Key, g => g.First());
        var replies = output.ToString()
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => new ConsoleReply(block, [.. MovieLine().Matches(block).Select(m => byTitle[m.Groups["title"].Value])]))
            .ToList();
        return (replies, catalog);
    }

    /// <summary>Runs a command-line verb of the host composed with the same settings.</summary>
    public static async Task<int> RunVerbAsync(string dataFolder, string verb, IReadOnlyList<string> arguments, params string[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [$"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={dataFolder}", .. settings],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddChatBot(runChannels: false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        return await host.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == verb).RunAsync(arguments, CancellationToken.None);
    }

    /// <summary>A numbered movie line: " 1. The Matrix (1999)  [Action, Sci-Fi] - reason".</summary>
    [GeneratedRegex(@"^\s*\d+\. (?<title>.+?)(?:  .*)?$", RegexOptions.Multiline)]
    private static partial Regex MovieLine();
}
