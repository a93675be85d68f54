using System.Globalization;
using ChatBot.Operations.Control;
using ChatBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Operations.Verbs;

/// <summary>restore FILE: replaces the database with a backup; no bot may run on the data folder meanwhile.</summary>
internal sealed class RestoreVerb(IServiceProvider services, TimeProvider timeProvider) : OperationVerb(services)
{
    public override string Name => "restore";

    public override string Summary => "Replace the database with a backup (stop the bot first).";

    public override string Usage => """
        Usage: restore FILE

        Replaces the database in the data folder with the backup FILE. Stop the bot first, because the
        command is rejected while a bot uses the data folder. The replaced database is kept beside
        it as chatbot.replaced-YYYYMMDDTHHMMSSZ.db, so nothing is lost.
        """;

    protected override async Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var parsed = VerbArguments.Parse(arguments, [], []);
        parsed.AllowPositionals(1);
        if (parsed.Positionals.Count == 0)
        {
            throw new VerbUsageException("The backup file to restore is missing. Name it, for example: restore /data/backups/chatbot-20260101-030000.db.");
        }

        var backup = Path.GetFullPath(parsed.Positionals[0]);
        if (!File.Exists(backup))
        {
            throw new OperationFailedException(OperationFailure.NotFound, $"The backup file '{backup}' does not exist.");
        }

        using (var bot = await ControlClient.TryConnectAsync(SocketPath, cancellationToken).ConfigureAwait(false))
        {
            if (bot is not null)
            {
                throw new OperationFailedException(
                    OperationFailure.Conflict,
                    $"A bot (process {bot.Status.ProcessId}) is running on the data folder {Data.FullPath}. Stop it first, then run restore again.");
            }
        }

        // Held until the process ends, so no bot can open the database while the file is swapped.
        Services.GetRequiredService<DataFolderLock>();
        var result = DatabaseRestorer.Restore(backup, Data.Resolve(StorageServiceCollectionExtensions.DatabaseFileName), timeProvider.GetUtcNow());

        await Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Restored {backup}: {result.Restored.People:N0} people, {result.Restored.Ratings:N0} ratings.")).ConfigureAwait(false);
        if (result.KeptDatabase is not null)
        {
            await Output.WriteLineAsync($"The replaced database is kept as {result.KeptDatabase}.").ConfigureAwait(false);
        }

        foreach (var companion in result.KeptCompanionFiles)
        {
            await Output.WriteLineAsync($"Its companion file is kept as {companion}.").ConfigureAwait(false);
        }

        return 0;
    }
}
