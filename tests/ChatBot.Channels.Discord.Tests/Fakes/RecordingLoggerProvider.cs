using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>A log line as the recorder captured it, with the exception text appended.</summary>
public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Text);

/// <summary>Captures every log line of a test host, so tests can check what operators would read.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    public bool Contains(LogLevel minimumLevel, string fragment) =>
        Lines.Any(line => line.Level >= minimumLevel && line.Text.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Gets everything logged, one line per entry, for assertion messages.</summary>
    public string Dump() => string.Join('\n', Lines.Select(line => $"{line.Level} {line.EventId.Id} {line.Text}"));

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null)
            {
                text += " | " + exception;
            }

            provider.Lines.Enqueue(new LogLine(category, logLevel, eventId, text));
        }
    }
}
