using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Telegram.Tests.Support;

/// <summary>One captured log entry, with the exception's full text.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Message, string? Exception);

/// <summary>Keeps every log entry in memory so tests can check what was logged (and what never was).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(logLevel, category, eventId, formatter(state, exception), exception?.ToString()));
    }
}
