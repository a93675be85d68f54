namespace ChatBot.Channels.Discord.Gateway;

/// <summary>What the client does after the gateway closed the connection.</summary>
internal enum CloseAction
{
    /// <summary>Reconnect to the resume URL and resume the session.</summary>
    Resume,

    /// <summary>Reconnect and identify a new session.</summary>
    Identify,

    /// <summary>Stop: reconnecting cannot succeed until the configuration changes.</summary>
    Fatal,
}

/// <summary>Discord's gateway close codes, what each means and what to do about it.</summary>
internal static class GatewayCloseCodes
{
    public static CloseAction Classify(int? closeCode) => closeCode switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => CloseAction.Fatal,
        4007 or 4009 => CloseAction.Identify,

        // 4000-4003, 4005, 4008, closes without a code and unknown codes all allow a resume.
        _ => CloseAction.Resume,
    };

    public static string Describe(int? closeCode) => closeCode switch
    {
        null => "closed without a close code",
        4000 => "4000 unknown error",
        4001 => "4001 unknown opcode",
        4002 => "4002 decode error",
        4003 => "4003 not authenticated",
        4004 => "4004 authentication failed",
        4005 => "4005 already authenticated",
        4007 => "4007 invalid sequence number",
        4008 => "4008 rate limited",
        4009 => "4009 session timed out",
        4010 => "4010 invalid shard",
        4011 => "4011 sharding required",
        4012 => "4012 invalid API version",
        4013 => "4013 invalid intents",
        4014 => "4014 disallowed intents",
        _ => closeCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Returns what the operator must change after a fatal close code.</summary>
    public static string Fix(int closeCode, int recommendedShards) => closeCode switch
    {
        4004 => "The bot token is invalid: reset it on the developer portal's Bot page and set Discord:BotToken.",
        4010 => "Discord:ShardId and Discord:ShardCount are invalid: use a ShardId from 0 to ShardCount - 1 and the shard count Discord assigned.",
        4011 => $"The bot is in too many guilds for its shard count: set Discord:ShardCount to at least {recommendedShards} (the count GET /gateway/bot recommends) and run one process per Discord:ShardId.",
        4012 => "The gateway does not accept API version 10: point Discord:ApiBaseUrl at a server that speaks Discord API v10.",
        4013 => "The gateway rejected the intents bitfield; this adapter sends only GUILDS, GUILD_MESSAGES, DIRECT_MESSAGES and, when enabled, MESSAGE_CONTENT.",
        4014 => "A privileged intent is not enabled: turn on Message Content Intent on the developer portal's Bot page, or set Discord:MessageContentIntent to false.",
        _ => "Check the Discord settings.",
    };
}

/// <summary>The gateway closed with a code after which reconnecting cannot help.</summary>
public sealed class DiscordGatewayFatalException(int closeCode, string message) : Exception(message)
{
    public int CloseCode { get; } = closeCode;
}
