using LiteDB;

namespace ChatBot.Storage;

/// <summary>What a database file holds, read without changing it.</summary>
/// <param name="People">The number of people.</param>
/// <param name="Identities">The number of platform identities.</param>
/// <param name="Ratings">The number of ratings.</param>
/// <param name="Bytes">The file's size in bytes.</param>
public sealed record DatabaseSummary(int People, int Identities, int Ratings, long Bytes);

/// <summary>Checks database files that are not open in this process, such as backups.</summary>
public static class DatabaseFile
{
    // LiteDB 5 writes this text at byte 32 of the first page of every unencrypted data file.
    private const int SignatureOffset = 32;
    private static readonly byte[] Signature = "** This is a LiteDB file **"u8.ToArray();

    /// <summary>
    /// Opens <paramref name="path"/> read-only and counts its people, identities and ratings.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, is not a LiteDB file, or lacks the bot's collections.</exception>
    public static DatabaseSummary Inspect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The database file '{file.FullName}' does not exist.", file.FullName);
        }

        if (file.Length == 0)
        {
            throw new InvalidDataException($"'{file.FullName}' is empty, so it is not a ChatBot database.");
        }

        if (!HasLiteDbSignature(file))
        {
            throw new InvalidDataException($"'{file.FullName}' is not a readable ChatBot database: it does not start like a LiteDB file.");
        }

        try
        {
            var connection = new ConnectionString { Filename = file.FullName, Connection = ConnectionType.Direct, ReadOnly = true };
            using var database = new LiteDatabase(connection);
            var collections = database.GetCollectionNames().ToHashSet(StringComparer.Ordinal);

            // ChatBotDatabase creates these two collections (with their indexes) when it first opens a file.
            if (!collections.Contains(ChatBotDatabase.Identities) || !collections.Contains(ChatBotDatabase.Ratings))
            {
                throw new InvalidDataException(
                    $"'{file.FullName}' is a LiteDB file but not a ChatBot database: it has no '{ChatBotDatabase.Identities}' and '{ChatBotDatabase.Ratings}' collections.");
            }

            return new DatabaseSummary(
                database.GetCollection(ChatBotDatabase.People).Count(),
                database.GetCollection(ChatBotDatabase.Identities).Count(),
                database.GetCollection(ChatBotDatabase.Ratings).Count(),
                file.Length);
        }
        catch (Exception exception) when (exception is LiteException or ArgumentException or IndexOutOfRangeException or InvalidCastException or FormatException or OverflowException)
        {
            // A damaged file makes LiteDB fail in many ways, not only with LiteException.
            throw new InvalidDataException($"'{file.FullName}' is not a readable ChatBot database: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Returns the files that belong to a database file and must move with it: LiteDB's log
    /// ("chatbot-log.db") and the rating journal ("chatbot.ratings.journal"). Opening a database
    /// applies both, so a database must never be paired with another database's files.
    /// </summary>
    public static IReadOnlyList<string> CompanionFiles(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var folder = Path.GetDirectoryName(databasePath) ?? string.Empty;
        var logFile = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(databasePath)}-log{Path.GetExtension(databasePath)}");
        return [logFile, RatingJournal.PathFor(databasePath)];
    }

    private static bool HasLiteDbSignature(FileInfo file)
    {
        var buffer = new byte[Signature.Length];
        using var stream = file.OpenRead();
        stream.Seek(SignatureOffset, SeekOrigin.Begin);
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length && buffer.AsSpan().SequenceEqual(Signature);
    }
}
