using System.ComponentModel.DataAnnotations;

namespace ChatBot.Channels.Discord;

/// <summary>Settings of the Discord channel, bound from the "Discord" configuration section.</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord";

    /// <summary>The default REST base address: Discord's API version 10.</summary>
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The default address the interactions endpoint listens on: loopback only, behind a reverse proxy.</summary>
    public const string DefaultInteractionsListenUrl = "http://127.0.0.1:8081";

    /// <summary>The default request path of the interactions endpoint.</summary>
    public const string DefaultInteractionsPath = "/discord/interactions";

    /// <summary>
    /// Gets or sets the bot token from the developer portal's Bot page, without the "Bot " prefix.
    /// Default: none, and the channel stays off. The token is a secret and is never logged.
    /// </summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// Gets or sets the REST base address, including the API version. Default: https://discord.com/api/v10.
    /// The gateway address always comes from GET /gateway/bot on this server.
    /// </summary>
    [Required]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// Gets or sets the application id (a snowflake). Default: none, and the id comes from the gateway's READY event.
    /// </summary>
    [RegularExpression(SnowflakePattern, ErrorMessage = "Discord:ApplicationId must be a numeric snowflake id such as 1234567890123456789 (the developer portal's Application ID), or empty.")]
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Gets or sets a guild (server) id whose slash commands are registered directly, so changes show at once.
    /// Default: none, and commands are registered globally.
    /// </summary>
    [RegularExpression(SnowflakePattern, ErrorMessage = "Discord:DevelopmentGuildId must be a numeric snowflake id (right-click the server with developer mode on, then Copy Server ID), or empty.")]
    public string? DevelopmentGuildId { get; set; }

    /// <summary>Gets or sets this process's shard id, from 0 to <see cref="ShardCount"/> - 1. Default: 0.</summary>
    [Range(0, 16383, ErrorMessage = "Discord:ShardId must be from 0 to 16383.")]
    public int ShardId { get; set; }

    /// <summary>Gets or sets the total number of shards the bot runs. Default: 1 (no sharding).</summary>
    [Range(1, 16384, ErrorMessage = "Discord:ShardCount must be from 1 to 16384.")]
    public int ShardCount { get; set; } = 1;

    /// <summary>
    /// Gets or sets a value indicating whether to request the privileged MESSAGE_CONTENT intent. Default: false,
    /// which is enough for direct messages and messages that mention the bot. Enable the intent in the developer
    /// portal before setting this, or the gateway closes with 4014.
    /// </summary>
    public bool MessageContentIntent { get; set; }

    /// <summary>
    /// Gets or sets how the bot receives events: through the gateway (WebSocket), through the interactions endpoint
    /// (HTTP POSTs from Discord), or both. Default: <see cref="DiscordReceiveMode.Gateway"/>.
    /// </summary>
    [EnumDataType(typeof(DiscordReceiveMode), ErrorMessage = "Discord:Receive must be Gateway, Interactions or Both.")]
    public DiscordReceiveMode Receive { get; set; } = DiscordReceiveMode.Gateway;

    /// <summary>
    /// Gets or sets the application's Ed25519 public key as 64 hexadecimal characters (the developer portal's
    /// General Information page). Default: none. Required when <see cref="Receive"/> is Interactions or Both,
    /// because every request to the interactions endpoint must carry a signature made with the matching private key.
    /// The key is public, not a secret.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>
    /// Gets or sets the plain-HTTP address Kestrel listens on for interactions, such as http://127.0.0.1:8081.
    /// Default: http://127.0.0.1:8081. A reverse proxy terminates HTTPS in front of it. Port 0 picks a free port.
    /// </summary>
    [Required]
    public string InteractionsListenUrl { get; set; } = DefaultInteractionsListenUrl;

    /// <summary>
    /// Gets or sets the request path that accepts interactions. Other paths get 404. Default: /discord/interactions.
    /// </summary>
    [Required]
    public string InteractionsPath { get; set; } = DefaultInteractionsPath;

    /// <summary>Gets or sets a value indicating whether slash commands are registered at start. Default: true.</summary>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>
    /// Gets or sets how long an interaction may take before it is deferred ("thinking…") and finished by an edit,
    /// in milliseconds. Default: 1000. Discord rejects a first response later than 3 seconds after the interaction.
    /// </summary>
    [Range(0, 2500, ErrorMessage = "Discord:InteractionDeferAfterMilliseconds must be from 0 to 2500, because Discord needs the first response within 3 seconds.")]
    public int InteractionDeferAfterMilliseconds { get; set; } = 1000;

    /// <summary>Gets or sets how many chat messages are handled at the same time. Default: 8.</summary>
    [Range(1, 256, ErrorMessage = "Discord:MaxConcurrentMessages must be from 1 to 256.")]
    public int MaxConcurrentMessages { get; set; } = 8;

    /// <summary>Gets or sets how many interactions are handled at the same time. Default: 32.</summary>
    [Range(1, 1024, ErrorMessage = "Discord:MaxConcurrentInteractions must be from 1 to 1024.")]
    public int MaxConcurrentInteractions { get; set; } = 32;

    /// <summary>Gets or sets the timeout of one REST request, in seconds. Default: 15.</summary>
    [Range(1, 300, ErrorMessage = "Discord:RequestTimeoutSeconds must be from 1 to 300.")]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Gets or sets the longest wait between two gateway reconnect attempts, in seconds. Default: 60.</summary>
    [Range(1, 3600, ErrorMessage = "Discord:ReconnectMaxDelaySeconds must be from 1 to 3600.")]
    public int ReconnectMaxDelaySeconds { get; set; } = 60;

    /// <summary>
    /// Gets or sets how many invalid requests (401, 403, 429) in 10 minutes make the client stop sending until the
    /// window moves on. Default: 2500, a quarter of the 10,000 at which Discord bans the IP address.
    /// </summary>
    [Range(10, 9000, ErrorMessage = "Discord:InvalidRequestLimit must be from 10 to 9000; Discord bans an IP address at 10,000 invalid requests in 10 minutes.")]
    public int InvalidRequestLimit { get; set; } = 2500;

    private const string SnowflakePattern = "^[0-9]{1,20}$";
}
