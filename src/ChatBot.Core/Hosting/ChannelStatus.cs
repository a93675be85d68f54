namespace ChatBot.Core.Hosting;

/// <summary>The connection state of a channel, for the readiness check.</summary>
public enum ChannelState
{
    Starting = 0,
    Connected = 1,
    Reconnecting = 2,
    Stopped = 3,

    /// <summary>The channel stopped for good (a rejected token, a fatal close code) and needs an operator.</summary>
    Failed = 4,
}

/// <summary>
/// A channel's connection state. Each enabled channel registers one as a singleton and updates it;
/// the readiness check reports the host ready only when every channel is connected.
/// </summary>
public sealed class ChannelStatus(string channel)
{
    private volatile StatusSnapshot _current = new(ChannelState.Starting, null, DateTimeOffset.UtcNow);

    /// <summary>Gets the channel name ("telegram", "discord", "console").</summary>
    public string Channel { get; } = channel;

    public ChannelState State => _current.State;

    /// <summary>Gets a short description of the last change ("resumed", "invalid token"), never a secret.</summary>
    public string? Detail => _current.Detail;

    public DateTimeOffset ChangedAt => _current.ChangedAt;

    public void Set(ChannelState state, string? detail = null) =>
        _current = new StatusSnapshot(state, detail, DateTimeOffset.UtcNow);

    private sealed record StatusSnapshot(ChannelState State, string? Detail, DateTimeOffset ChangedAt);
}
