using System.Globalization;

namespace ChatBot.Operations.Verbs;

/// <summary>backup [FILE] [--force]: writes a consistent copy of the database, also while the bot runs.</summary>
internal sealed class BackupVerb(IServiceProvider services, TimeProvider timeProvider) : OperationVerb(services)
{
    public override string Name => "backup";

    public override string Summary => "Write a consistent copy of the database, also while the bot runs.";

    public override string Usage => """
        Usage: backup [FILE] [--force]

        Writes a consistent copy of the database to FILE and reads it back to check it. When a bot is
        running on the same data folder, the bot writes the copy through its control socket and keeps
        serving; otherwise this command opens the database itself.

          FILE      the backup file; relative paths start at the current folder.
                    Default: DATA/backups/chatbot-YYYYMMDD-HHMMSS.db (UTC) in the data folder.
          --force   overwrite FILE when it exists (by default an existing file is never replaced)
        """;

    protected override async Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var parsed = VerbArguments.Parse(arguments, [], ["force"]);
        parsed.AllowPositionals(1);
        var destination = parsed.Positionals.Count == 1
            ? Path.GetFullPath(parsed.Positionals[0])
            : Data.Resolve("backups", $"chatbot-{timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db");
        var overwrite = parsed.Has("force");

        var result = await RunOnBotOrDatabaseAsync(
            bot => bot.BackupAsync(destination, overwrite, cancellationToken),
            operations => Task.FromResult(operations.Backup(destination, overwrite)),
            cancellationToken).ConfigureAwait(false);

        await Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Backup written to {result.Path}: {result.Bytes:N0} bytes, {result.People:N0} people, {result.Ratings:N0} ratings.")).ConfigureAwait(false);
        return 0;
    }
}
