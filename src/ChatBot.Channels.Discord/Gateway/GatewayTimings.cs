namespace ChatBot.Channels.Discord.Gateway;

/// <summary>
/// Waits and limits of the gateway session. The defaults follow Discord's documentation; tests shorten them.
/// </summary>
internal sealed record GatewayTimings
{
    /// <summary>Gets the minimum time between two Identify calls of one max_concurrency bucket (Discord: 5 s).</summary>
    public TimeSpan IdentifyInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the shortest wait after an Invalid Session before identifying again (Discord suggests 1-5 s).</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the first reconnect delay; later ones double up to the configured maximum.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how long a graceful close waits for the server's close frame before aborting.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets how many resume attempts in a row may fail before the client identifies a new session.</summary>
    public int MaxResumeFailures { get; init; } = 3;
}
