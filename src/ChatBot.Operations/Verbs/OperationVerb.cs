using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using ChatBot.Operations.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations.Verbs;

/// <summary>
/// A verb that works on the bot's data: through the running bot's control socket when a bot is running
/// on the data folder, else on the database opened in this process.
/// </summary>
internal abstract class OperationVerb(IServiceProvider services) : ICommandLineVerb
{
    private static readonly string[] KnownPlatforms = [Platforms.Console, Platforms.Telegram, Platforms.Discord];

    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string Usage { get; }

    protected IServiceProvider Services => services;

    protected DataOptions Data => services.GetRequiredService<IOptions<DataOptions>>().Value;

    protected string SocketPath => Data.Resolve(OperationsOptions.ControlSocketFileName);

    /// <summary>Gets where results go; standard output unless a test replaces it.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Gets where progress and errors go; standard error unless a test replaces it.</summary>
    public TextWriter Errors { get; init; } = Console.Error;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (VerbUsageException exception)
        {
            await Errors.WriteLineAsync($"{Name}: {exception.Message}{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationFailedException exception)
        {
            await Errors.WriteLineAsync($"{Name}: {exception.Message}").ConfigureAwait(false);
            return exception.Failure == OperationFailure.InvalidRequest ? 2 : 1;
        }
        catch (Exception exception) when (exception is ControlSocketUnavailableException or DataFolderInUseException or InvalidDataException)
        {
            await Errors.WriteLineAsync($"{Name}: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    protected abstract Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="throughBot"/> when a bot responds on the control socket, else <paramref name="direct"/> on the database opened here.</summary>
    protected async Task<T> RunOnBotOrDatabaseAsync<T>(
        Func<ControlClient, Task<T>> throughBot,
        Func<DataOperations, Task<T>> direct,
        CancellationToken cancellationToken)
    {
        using (var bot = await ControlClient.TryConnectAsync(SocketPath, cancellationToken).ConfigureAwait(false))
        {
            if (bot is not null)
            {
                await Errors.WriteLineAsync($"{Name}: asking the running bot (process {bot.Status.ProcessId}) through {SocketPath}.").ConfigureAwait(false);
                return await throughBot(bot).ConfigureAwait(false);
            }
        }

        try
        {
            // Taken here rather than when the database first opens, so the message can explain the socket.
            services.GetRequiredService<DataFolderLock>();
        }
        catch (DataFolderInUseException exception)
        {
            throw new DataFolderInUseException(
                $"{exception.Message} Its control socket {SocketPath} does not answer, so this command cannot ask it either; "
                + "turn Operations:ControlSocket on in that process, or stop it and run the command again.",
                exception);
        }

        await Errors.WriteLineAsync($"{Name}: no bot is running on {Data.FullPath}; opening the database directly.").ConfigureAwait(false);
        return await direct(services.GetRequiredService<DataOperations>()).ConfigureAwait(false);
    }

    /// <summary>Reads --platform and --user into an identity.</summary>
    /// <exception cref="VerbUsageException">Either is missing or the platform is unknown.</exception>
    protected static PlatformIdentity ReadIdentity(VerbArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var platform = arguments.Require("platform").ToLowerInvariant();
        if (!KnownPlatforms.Contains(platform, StringComparer.Ordinal))
        {
            throw new VerbUsageException($"Unknown platform '{platform}'. Use one of: {string.Join(", ", KnownPlatforms)}.");
        }

        return new PlatformIdentity(platform, arguments.Require("user"));
    }
}
