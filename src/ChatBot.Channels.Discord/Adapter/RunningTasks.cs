using System.Collections.Concurrent;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>The handler tasks still running, so a stop can wait for them; each one leaves the set when it ends.</summary>
internal sealed class RunningTasks
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private long _nextId;

    /// <summary>Adds <paramref name="task"/> until it completes.</summary>
    public void Track(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var key = Interlocked.Increment(ref _nextId);
        _running[key] = task;
        _ = task.ContinueWith(
            (_, state) => ((ConcurrentDictionary<long, Task>)state!).TryRemove(key, out var _),
            _running,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Returns a task that completes when every task running now has ended.</summary>
    public Task WhenAll() => Task.WhenAll(_running.Values);
}
