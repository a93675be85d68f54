using LiteDB;
using Microsoft.Extensions.Logging;

namespace ChatBot.Storage;

/// <summary>
/// The LiteDB database file that holds people, ratings, conversation memory and channel state.
/// One instance is shared by the whole process; LiteDB serialises writers per collection.
/// </summary>
public sealed partial class ChatBotDatabase : IDisposable
{
    internal const string People = "people";
    internal const string Identities = "identities";
    internal const string Ratings = "ratings";
    internal const string Marks = "marks";
    internal const string Conversations = "conversations";
    internal const string LinkCodes = "link_codes";
    internal const string Values = "values";

    private readonly ILogger<ChatBotDatabase> _logger;

    // Writers hold the read side (they may run together); a backup holds the write side, so it
    // copies the file between two complete writes.
    private readonly ReaderWriterLockSlim _backupGate = new(LockRecursionPolicy.SupportsRecursion);

    public ChatBotDatabase(string path, ILogger<ChatBotDatabase> logger, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        TimeProvider = timeProvider ?? TimeProvider.System;
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        Database = Open(Path);
        EnsureIndexes();
        LogOpened(_logger, Path);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    public TimeProvider TimeProvider { get; }

    internal LiteDatabase Database { get; }

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="destinationPath"/> while other
    /// threads keep reading; writers wait until the copy is done.
    /// </summary>
    public void Backup(string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var destination = System.IO.Path.GetFullPath(destinationPath);
        if (string.Equals(destination, Path, StringComparison.Ordinal))
        {
            throw new ArgumentException("The backup file must not be the database file itself.", nameof(destinationPath));
        }

        var temporary = destination + ".partial";
        _backupGate.EnterWriteLock();
        try
        {
            // A checkpoint moves every committed page from the -log file into the data file,
            // so the data file alone is then a complete database.
            Database.Checkpoint();
            File.Copy(Path, temporary, overwrite: true);
        }
        finally
        {
            _backupGate.ExitWriteLock();
        }

        File.Move(temporary, destination, overwrite: true);
        LogBackupWritten(_logger, destination);
    }

    /// <summary>
    /// Runs a write and makes it durable before returning: LiteDB 5 hands committed pages to a
    /// background writer, so without the checkpoint a process killed right after the commit could
    /// lose a rating the person was already told about.
    /// </summary>
    internal T WriteDurably<T>(Func<LiteDatabase, T> write)
    {
        var result = Write(write);
        _backupGate.EnterReadLock();
        try
        {
            Database.Checkpoint();
        }
        finally
        {
            _backupGate.ExitReadLock();
        }

        return result;
    }

    /// <summary>Runs a write that may be lost in a crash (conversation memory, caches).</summary>
    internal T Write<T>(Func<LiteDatabase, T> write)
    {
        _backupGate.EnterReadLock();
        try
        {
            return write(Database);
        }
        finally
        {
            _backupGate.ExitReadLock();
        }
    }

    /// <summary>Runs several writes as one transaction that is durable when this returns.</summary>
    internal T WriteTransaction<T>(Func<LiteDatabase, T> write) =>
        WriteDurably(database =>
        {
            database.BeginTrans();
            try
            {
                var result = write(database);
                database.Commit();
                return result;
            }
            catch
            {
                database.Rollback();
                throw;
            }
        });

    internal long NowMs() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    public void Dispose()
    {
        Database.Dispose();
        _backupGate.Dispose();
        LogClosed(_logger, Path);
    }

    private static LiteDatabase Open(string path)
    {
        var connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
        };
        var mapper = new BsonMapper { EnumAsInteger = true };
        return new LiteDatabase(connection, mapper);
    }

    private void EnsureIndexes()
    {
        Database.GetCollection<IdentityDocument>(Identities).EnsureIndex(d => d.PersonId);
        Database.GetCollection<RatingDocument>(Ratings).EnsureIndex(d => d.PersonId);
        Database.GetCollection<MarkDocument>(Marks).EnsureIndex(d => d.PersonId);
        Database.GetCollection<ConversationDocument>(Conversations).EnsureIndex(d => d.PersonId);
        Database.GetCollection<LinkCodeDocument>(LinkCodes).EnsureIndex(d => d.PersonId);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened database {Path}.")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Closed database {Path}.")]
    private static partial void LogClosed(ILogger logger, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Wrote database backup {Destination}.")]
    private static partial void LogBackupWritten(ILogger logger, string destination);
}
