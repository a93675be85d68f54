using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Host;

/// <summary>Warns at start when no channel is enabled, because such a host serves nobody (readiness reports it too).</summary>
internal sealed partial class NoChannelWarningService(ILogger<NoChannelWarningService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNoChannel(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "No channel is enabled, so nobody can talk to the bot. Set Telegram:BotToken or Discord:BotToken, or Console:Enabled=true.")]
    private static partial void LogNoChannel(ILogger logger);
}
