namespace ChatBot.Operations;

/// <summary>Raised when another process holds the data folder's lock.</summary>
public sealed class DataFolderInUseException(string message, Exception innerException) : IOException(message, innerException);

/// <summary>
/// An exclusive lock on a data folder, held by the process that has its database open. LiteDB does not
/// stop a second process from opening the same file on Linux, and two writers would corrupt it, so every
/// process takes this lock first. The lock is the OS file lock .NET takes for <see cref="FileShare.None"/>
/// (flock on Linux); the OS releases it when the process ends, even after a crash.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the data folder.</summary>
    public const string FileName = "chatbot.lock";

    private readonly FileStream _stream;

    private DataFolderLock(string folder, FileStream stream)
    {
        Folder = folder;
        _stream = stream;
    }

    /// <summary>Gets the data folder's absolute path.</summary>
    public string Folder { get; }

    /// <summary>Takes the lock of <paramref name="folder"/>, creating the folder when it does not exist.</summary>
    /// <exception cref="DataFolderInUseException">Another process holds the lock.</exception>
    public static DataFolderLock Acquire(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var fullPath = Path.GetFullPath(folder);
        Directory.CreateDirectory(fullPath);
        var path = Path.Combine(fullPath, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataFolderLock(fullPath, stream);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new DataFolderInUseException(
                $"Another ChatBot process is using the data folder '{fullPath}' (it holds {FileName}). "
                + "Stop that process, or give this one its own folder with Data:Directory.",
                exception);
        }
    }

    public void Dispose() => _stream.Dispose();
}
