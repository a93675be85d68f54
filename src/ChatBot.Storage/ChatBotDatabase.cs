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
    private static readonly TimeSpan JournalCheckpointInterval = TimeSpan.FromSeconds(30);

    private readonly object _checkpointLock = new();
    private readonly Lazy<(LiteDatabase Database, RatingJournal Journal)> _opened;
    private ITimer? _journalTimer;
    private readonly bool _syncWrites;
    private long _committedWrites;
    private long _checkpointedWrites;

    /// <param name="syncWrites">Whether rating and mark writes wait until the journal is on the storage device (see <see cref="Core.Hosting.DataOptions.SyncRatingWrites"/>).</param>
    public ChatBotDatabase(string path, ILogger<ChatBotDatabase> logger, TimeProvider? timeProvider = null, bool syncWrites = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _logger = logger;
        _syncWrites = syncWrites;
        Path = System.IO.Path.GetFullPath(path);
        TimeProvider = timeProvider ?? TimeProvider.System;

        // The file is opened on first use, so services that only might need it (command-line verbs
        // listed by --help, for example) can be constructed without creating the data folder.
        _opened = new Lazy<(LiteDatabase Database, RatingJournal Journal)>(OpenFiles, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    public TimeProvider TimeProvider { get; }

    internal LiteDatabase Database => _opened.Value.Database;

    internal RatingJournal Journal => _opened.Value.Journal;

    internal StoreCache Cache { get; } = new();

    /// <summary>
    /// Moves every committed page into the data file and empties the rating journal, whose entries that
    /// makes durable. Merges and deletions call it so the journal never replays a write they undid.
    /// </summary>
    internal void CheckpointNow() =>
        Journal.Truncate(() =>
        {
            _backupGate.EnterReadLock();
            try
            {
                Database.Checkpoint();
            }
            finally
            {
                _backupGate.ExitReadLock();
            }
        });

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
        BeforeClose?.Invoke();
        CheckpointNow();
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
    /// background writer, so without a checkpoint a process killed right after the commit could
    /// lose a rating the person was already told about. Concurrent writers share checkpoints (group
    /// commit): a writer whose commit an already finished checkpoint covered does not start another.
    /// </summary>
    internal T WriteDurably<T>(Func<LiteDatabase, T> write)
    {
        var result = Write(write);

        // Sequence numbers are taken after each commit, so every write numbered up to N has committed.
        var mine = Interlocked.Increment(ref _committedWrites);
        lock (_checkpointLock)
        {
            if (Volatile.Read(ref _checkpointedWrites) >= mine)
            {
                return result;
            }

            var covered = Volatile.Read(ref _committedWrites);
            _backupGate.EnterReadLock();
            try
            {
                Database.Checkpoint();
            }
            finally
            {
                _backupGate.ExitReadLock();
            }

            Volatile.Write(ref _checkpointedWrites, covered);
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

    /// <summary>Raised before the database closes, so stores can write what they hold in memory.</summary>
    internal event Action? BeforeClose;

    /// <summary>
    /// Raised once, before the first use opens the file. A handler that throws stops the opening, and
    /// every later use raises the same exception. AddOperations uses it to take the data folder's lock.
    /// </summary>
    public event Action? Opening;

    public void Dispose()
    {
        // Stores write what they hold in memory first; that opens the file if nothing else did.
        BeforeClose?.Invoke();
        if (!_opened.IsValueCreated)
        {
            _backupGate.Dispose();
            return;
        }

        _journalTimer?.Dispose();
        CheckpointNow();
        Journal.Dispose();
        Database.Dispose();
        _backupGate.Dispose();
        LogClosed(_logger, Path);
    }

    private (LiteDatabase Database, RatingJournal Journal) OpenFiles()
    {
        Opening?.Invoke();
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var database = Open(Path);
        EnsureIndexes(database);
        var journal = new RatingJournal(Path, _syncWrites);
        var replayed = journal.Replay(database);
        if (replayed > 0)
        {
            LogJournalReplayed(_logger, replayed);
        }

        journal.Truncate(database.Checkpoint);
        _journalTimer = TimeProvider.CreateTimer(_ => CheckpointIfJournalled(), null, JournalCheckpointInterval, JournalCheckpointInterval);
        LogOpened(_logger, Path);
        return (database, journal);
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

    private static void EnsureIndexes(LiteDatabase database)
    {
        database.GetCollection<IdentityDocument>(Identities).EnsureIndex(d => d.PersonId);
        database.GetCollection<RatingDocument>(Ratings).EnsureIndex(d => d.PersonId);
        database.GetCollection<MarkDocument>(Marks).EnsureIndex(d => d.PersonId);
        database.GetCollection<ConversationDocument>(Conversations).EnsureIndex(d => d.PersonId);
        database.GetCollection<LinkCodeDocument>(LinkCodes).EnsureIndex(d => d.PersonId);
    }

    private void CheckpointIfJournalled()
    {
        try
        {
            if (Journal.Entries > 0)
            {
                CheckpointNow();
            }
        }
        catch (Exception exception) when (exception is IOException or LiteException or ObjectDisposedException)
        {
            LogCheckpointFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Replayed {Entries} rating journal entries that the last run had not checkpointed.")]
    private static partial void LogJournalReplayed(ILogger logger, int entries);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The periodic checkpoint failed; the rating journal keeps the writes until the next one.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened database {Path}.")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Closed database {Path}.")]
    private static partial void LogClosed(ILogger logger, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Wrote database backup {Destination}.")]
    private static partial void LogBackupWritten(ILogger logger, string destination);
}
