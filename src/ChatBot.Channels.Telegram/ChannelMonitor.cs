using ChatBot.Core.Hosting;
using ChatBot.Core.People;

namespace ChatBot.Channels.Telegram;

/// <summary>Reports the channel's connection state to the readiness check and its waits and reconnects to the metrics.</summary>
internal sealed class ChannelMonitor(ChannelStatus status, ChatBotMetrics? metrics)
{
    public ChannelStatus Status => status;

    public void Connected(string? detail = null)
    {
        if (status.State != ChannelState.Connected)
        {
            status.Set(ChannelState.Connected, detail);
        }
    }

    public void Reconnecting(string reason)
    {
        status.Set(ChannelState.Reconnecting, reason);
        metrics?.Reconnected(Platforms.Telegram, reason);
    }

    public void RateLimited(TimeSpan wait) => metrics?.RateLimitWaited(Platforms.Telegram, wait);

    public void Failed(string reason) => status.Set(ChannelState.Failed, reason);

    public void Stopped() => status.Set(ChannelState.Stopped);
}
