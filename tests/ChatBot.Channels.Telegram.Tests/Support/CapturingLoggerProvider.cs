using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram.Tests.Support;

/// <summary>One captured log entry, with the exception's full text.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, string? Exception);

/// <summary>Keeps every log entry in memory so tests can check what was logged (and what never was).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

    /// <summary>Waits until an entry matching <paramref name="predicate"/> was logged and returns it.</summary>
    public async Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> predicate, string description, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (_entries.FirstOrDefault(predicate) is { } entry)
            {
                return entry;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for the log entry: {description}.");
            }
        }
    }

    private void Add(CapturedLog entry)
    {
        _entries.Enqueue(entry);
        lock (_gate)
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new CapturedLog(logLevel, category, eventId, formatter(state, exception), exception?.ToString()));
    }
}
