using System.Text.Json;

namespace ChatBot.Channels.Discord.Models;

/// <summary>The response of GET /gateway/bot.</summary>
public sealed record GatewayBotInfo
{
    public string Url { get; init; } = string.Empty;

    /// <summary>Gets the number of shards Discord recommends.</summary>
    public int Shards { get; init; } = 1;

    public SessionStartLimit SessionStartLimit { get; init; } = new();
}

/// <summary>How many Identify calls the bot may still make, and how fast.</summary>
/// <param name="ResetAfter">Milliseconds until <see cref="Remaining"/> is reset to <see cref="Total"/>.</param>
/// <param name="MaxConcurrency">Identify calls allowed per 5 seconds.</param>
public sealed record SessionStartLimit(int Total = 1000, int Remaining = 1000, long ResetAfter = 0, int MaxConcurrency = 1);

/// <summary>The envelope of every gateway message.</summary>
internal sealed record GatewayPayload(int Op, JsonElement D, long? S, string? T);

internal sealed record HelloData(double HeartbeatInterval);

/// <summary>The parts of the READY event the client keeps.</summary>
public sealed record ReadyData
{
    public string SessionId { get; init; } = string.Empty;

    public string ResumeGatewayUrl { get; init; } = string.Empty;

    public DiscordUser User { get; init; } = new();

    public PartialApplication? Application { get; init; }
}

public sealed record PartialApplication(string Id);

internal sealed record IdentifyData(string Token, int Intents, IdentifyProperties Properties, int[]? Shard);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record ResumeData(string Token, string SessionId, long? Seq);
