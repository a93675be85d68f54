using System.Globalization;
using ChatBot.Storage;

namespace ChatBot.Operations;

/// <summary>The outcome of a restore.</summary>
/// <param name="Restored">What the restored database holds.</param>
/// <param name="KeptDatabase">Where the replaced database file was moved, or null when there was none.</param>
/// <param name="KeptCompanionFiles">Where the replaced database's LiteDB log and rating journal were moved, for those that existed.</param>
public sealed record RestoreResult(DatabaseSummary Restored, string? KeptDatabase, IReadOnlyList<string> KeptCompanionFiles);

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
        var kept = KeptName(target, stamp);
        var keptDatabase = MoveAside(target, kept);

        // Opening a database replays its LiteDB log and rating journal. Files left beside the restored
        // database would write the replaced database's changes into it, so they move with their database.
        var keptCompanions = DatabaseFile.CompanionFiles(target)
            .Zip(DatabaseFile.CompanionFiles(kept))
            .Select(pair => MoveAside(pair.First, pair.Second))
            .OfType<string>()
            .ToList();
        File.Move(staging, target);
        return new RestoreResult(restored, keptDatabase, keptCompanions);
    }

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
