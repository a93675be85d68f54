using System.Globalization;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Console;

/// <summary>
/// Chats through standard input and output. In a terminal it shows a prompt; with input redirected it
/// reads one message per line, writes each reply followed by a blank line, and stops the host at the
/// end of input so the process exits with code 0.
/// </summary>
public sealed partial class ConsoleChannelService(
    IConversationHandler handler,
    IOptions<ConsoleChannelOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChannelService> logger,
    ChannelStatus? status = null,
    TextReader? input = null,
    TextWriter? output = null,
    bool? interactive = null) : BackgroundService
{
    private readonly TextReader _input = input ?? System.Console.In;
    private readonly TextWriter _output = output ?? System.Console.Out;
    private readonly bool _interactive = interactive ?? !System.Console.IsInputRedirected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first blocking read.
        await Task.Yield();
        var settings = options.Value;
        var locale = settings.Locale ?? CultureInfo.CurrentUICulture.Name;
        LogStarted(logger, settings.UserId, _interactive);
        status?.Set(ChannelState.Connected);
        var messageNumber = 0;
        try
        {
            if (_interactive)
            {
                await WriteAsync(await handler.HandleAsync(CreateMessage("/start", settings.UserId, locale, ++messageNumber), stoppingToken).ConfigureAwait(false)).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                if (_interactive)
                {
                    await _output.WriteAsync("> ").ConfigureAwait(false);
                    await _output.FlushAsync(stoppingToken).ConfigureAwait(false);
                }

                var line = await _input.ReadLineAsync(stoppingToken).ConfigureAwait(false);
                if (line is null)
                {
                    LogEndOfInput(logger, messageNumber);
                    break;
                }

                if (string.IsNullOrWhiteSpace(line) && !_interactive)
                {
                    continue;
                }

                var reply = await handler.HandleAsync(CreateMessage(line, settings.UserId, locale, ++messageNumber), stoppingToken).ConfigureAwait(false);
                await WriteAsync(reply).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping (Ctrl+C or SIGTERM).
        }
        finally
        {
            status?.Set(ChannelState.Stopped, "end of input");
            LogStopped(logger);
            lifetime.StopApplication();
        }
    }

    private static IncomingMessage CreateMessage(string line, string userId, string locale, int number) => new()
    {
        Platform = Platforms.Console,
        PlatformUserId = userId,
        ConversationId = "console",
        Locale = locale,
        Text = line,
        MessageId = number.ToString(CultureInfo.InvariantCulture),
    };

    private async Task WriteAsync(Reply reply)
    {
        await _output.WriteLineAsync(ConsoleReplyRenderer.Render(reply)).ConfigureAwait(false);
        await _output.WriteLineAsync().ConfigureAwait(false);
        await _output.FlushAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Console channel started for user {UserId} (interactive: {Interactive}).")]
    private static partial void LogStarted(ILogger logger, string userId, bool interactive);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "End of input after {Messages} messages; stopping.")]
    private static partial void LogEndOfInput(ILogger logger, int messages);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Console channel stopped.")]
    private static partial void LogStopped(ILogger logger);
}
