using System.Globalization;
using ChatBot.Storage;

namespace ChatBot.Operations;

/// <summary>The outcome of a restore.</summary>
/// <param name="Restored">What the restored database holds.</param>
/// <param name="KeptDatabase">Where the replaced database file was moved, or null when there was none.</param>
/// <param name="KeptLog">Where the replaced database's LiteDB log file was moved, or null when there was none.</param>
public sealed record RestoreResult(DatabaseSummary Restored, string? KeptDatabase, string? KeptLog);

/// <summary>
/// Replaces the database file with a backup. The caller must hold the data folder's lock, so no process
/// has the database open. The replaced file is moved aside, never deleted.
/// </summary>
public static class DatabaseRestorer
{
    /// <exception cref="FileNotFoundException">The backup does not exist.</exception>
    /// <exception cref="InvalidDataException">The backup is not a ChatBot database.</exception>
    /// <exception cref="OperationFailedException">The backup is the database file itself.</exception>
    public static RestoreResult Restore(string backupPath, string databasePath, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var source = Path.GetFullPath(backupPath);
        var target = Path.GetFullPath(databasePath);
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new OperationFailedException(OperationFailure.InvalidRequest, $"'{source}' is the database file itself; name a backup file.");
        }

        DatabaseFile.Inspect(source);

        // Copy first and check the copy, so a failure here leaves the current database untouched.
        var staging = target + ".restoring";
        File.Copy(source, staging, overwrite: true);
        DatabaseSummary restored;
        try
        {
            restored = DatabaseFile.Inspect(staging);
        }
        catch
        {
            File.Delete(staging);
            throw;
        }

        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var keptDatabase = MoveAside(target, KeptName(target, stamp));

        // LiteDB keeps committed pages in NAME-log.EXT until a checkpoint. A log file left beside the
        // restored file would be replayed onto it, so it moves with the database it belongs to.
        var keptLog = MoveAside(LogFileOf(target), LogFileOf(KeptName(target, stamp)));
        File.Move(staging, target);
        return new RestoreResult(restored, keptDatabase, keptLog);
    }

    /// <summary>Returns the LiteDB log file of a database file: "chatbot.db" has "chatbot-log.db".</summary>
    public static string LogFileOf(string databasePath) =>
        Path.Combine(
            Path.GetDirectoryName(databasePath) ?? string.Empty,
            $"{Path.GetFileNameWithoutExtension(databasePath)}-log{Path.GetExtension(databasePath)}");

    private static string KeptName(string databasePath, string stamp) =>
        Path.Combine(
            Path.GetDirectoryName(databasePath) ?? string.Empty,
            $"{Path.GetFileNameWithoutExtension(databasePath)}.replaced-{stamp}{Path.GetExtension(databasePath)}");

    private static string? MoveAside(string path, string destination)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        File.Move(path, destination);
        return destination;
    }
}
