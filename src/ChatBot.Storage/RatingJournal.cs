using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Win32.SafeHandles;
using LiteDatabase = LiteDB.LiteDatabase;

namespace ChatBot.Storage;

/// <summary>
/// A write-ahead journal for rating and mark writes. LiteDB 5 commits a write to its log file from a
/// background thread, so a process killed right after a commit can lose it; appending the operation
/// here and handing it to the operating system before the person is told makes it survive a crash of
/// the process without a checkpoint per write. Opening the database replays the journal; a periodic
/// checkpoint empties it. With synced writes, an append also waits until the journal is on the storage
/// device, so it survives a power cut too. Appends that arrive while a flush runs share the next one, so
/// many people rating at once cost a few flushes rather than one each (group commit).
/// </summary>
internal sealed class RatingJournal : IDisposable
{
    private const string FileName = "ratings.journal";

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly string _path;
    private readonly object _lock = new();
    private readonly Lock _flushLock = new();
    private readonly bool _syncWrites;
    private FileStream _stream;
    private long _entries;

    /// <summary>The number of the latest append; guarded by <see cref="_lock"/>.</summary>
    private long _appended;

    /// <summary>The number of the latest append known to be on the storage device.</summary>
    private long _flushed;
    private long _flushes;

    public RatingJournal(string databasePath, bool syncWrites = true)
    {
        _path = PathFor(databasePath);
        _syncWrites = syncWrites;
        _stream = OpenForAppend();
    }

    /// <summary>Returns the journal file of a database file: "chatbot.db" has "chatbot.ratings.journal".</summary>
    public static string PathFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath) ?? ".", Path.GetFileNameWithoutExtension(databasePath) + "." + FileName);

    /// <summary>Gets the number of entries appended since the journal was last emptied.</summary>
    public long Entries => Interlocked.Read(ref _entries);

    /// <summary>Gets how many times appends were flushed to the storage device since the journal opened.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    public void RatingStored(long personId, int movieId, int halfStars, long ratedAtMs) =>
        Append(new Entry { Operation = "rate", PersonId = personId, MovieId = movieId, HalfStars = halfStars, AtMs = ratedAtMs });

    public void RatingRemoved(long personId, int movieId) =>
        Append(new Entry { Operation = "unrate", PersonId = personId, MovieId = movieId });

    public void Marked(long personId, int movieId, int kind, long markedAtMs) =>
        Append(new Entry { Operation = "mark", PersonId = personId, MovieId = movieId, Kind = kind, AtMs = markedAtMs });

    /// <summary>Runs <paramref name="checkpoint"/> with appends paused, then empties the journal, whose entries the checkpoint made durable.</summary>
    public void Truncate(Action checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            checkpoint();
            _stream.SetLength(0);
            _stream.Flush(flushToDisk: true);
            Interlocked.Exchange(ref _entries, 0);
        }
    }

    /// <summary>Applies every journal entry to the database, in order; entries already applied are applied again harmlessly.</summary>
    public int Replay(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        lock (_lock)
        {
            _stream.Position = 0;
            var applied = 0;
            using var reader = new StreamReader(_stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            while (reader.ReadLine() is { } line)
            {
                Entry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<Entry>(line, JsonOptions);
                }
                catch (JsonException)
                {
                    // The last line of a process killed mid-append may be cut short; it was never confirmed.
                    continue;
                }

                if (entry is not null)
                {
                    Apply(database, entry);
                    applied++;
                }
            }

            _stream.Seek(0, SeekOrigin.End);
            return applied;
        }
    }

    public void Dispose()
    {
        // A flush in progress finishes before the file closes under it.
        lock (_flushLock)
        {
            lock (_lock)
            {
                _stream.Dispose();
            }
        }
    }

    private void Append(Entry entry)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, JsonOptions) + "\n");
        long number;
        lock (_lock)
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: false);
            Interlocked.Increment(ref _entries);
            number = ++_appended;
        }

        if (_syncWrites)
        {
            WaitUntilFlushed(number);
        }
    }

    /// <summary>Returns once append <paramref name="number"/> is on the storage device, flushing when no flush since covered it.</summary>
    private void WaitUntilFlushed(long number)
    {
        if (Interlocked.Read(ref _flushed) >= number)
        {
            return;
        }

        lock (_flushLock)
        {
            // While this thread waited, another flush may have covered this append.
            if (Interlocked.Read(ref _flushed) >= number)
            {
                return;
            }

            long covered;
            SafeFileHandle handle;
            lock (_lock)
            {
                // Every append up to this number has already been handed to the operating system.
                covered = _appended;
                handle = _stream.SafeFileHandle;
            }

            RandomAccess.FlushToDisk(handle);
            Interlocked.Increment(ref _flushes);
            Interlocked.Exchange(ref _flushed, covered);
        }
    }

    private FileStream OpenForAppend() =>
        new(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 4096, FileOptions.None);

    private static void Apply(LiteDatabase database, Entry entry)
    {
        var key = LiteRatingStore.RatingKey(entry.PersonId, entry.MovieId);
        switch (entry.Operation)
        {
            case "rate":
                database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).Upsert(new RatingDocument
                {
                    Id = key,
                    PersonId = entry.PersonId,
                    MovieId = entry.MovieId,
                    HalfStars = entry.HalfStars ?? 0,
                    RatedAtMs = entry.AtMs ?? 0,
                });
                break;
            case "unrate":
                database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).Delete(key);
                break;
            case "mark":
                database.GetCollection<MarkDocument>(ChatBotDatabase.Marks).Upsert(new MarkDocument
                {
                    Id = key,
                    PersonId = entry.PersonId,
                    MovieId = entry.MovieId,
                    Kind = entry.Kind ?? 0,
                    MarkedAtMs = entry.AtMs ?? 0,
                });
                break;
            default:
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Unknown journal operation '{entry.Operation}'."));
        }
    }

    private sealed class Entry
    {
        [JsonPropertyName("op")]
        public string Operation { get; set; } = string.Empty;

        [JsonPropertyName("p")]
        public long PersonId { get; set; }

        [JsonPropertyName("m")]
        public int MovieId { get; set; }

        [JsonPropertyName("h")]
        public int? HalfStars { get; set; }

        [JsonPropertyName("k")]
        public int? Kind { get; set; }

        [JsonPropertyName("t")]
        public long? AtMs { get; set; }
    }
}
