using System.ComponentModel.DataAnnotations;

namespace ChatBot.Channels.Telegram;

/// <summary>
/// Settings of the Telegram channel, bound from the "Telegram" configuration section. The channel
/// runs only when <see cref="BotToken"/> is set; it polls with getUpdates unless
/// <see cref="WebhookUrl"/> is set, in which case Telegram pushes updates to a local webhook listener.
/// </summary>
public sealed class TelegramOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Telegram";

    /// <summary>
    /// Gets or sets the bot token from BotFather ("123456789:AA..."). Default: none, which leaves the
    /// channel off. Usually set through the environment variable Telegram__BotToken; never logged.
    /// </summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// Gets or sets the Bot API server, scheme and authority only. Default: null, which means
    /// Telegram's own https://api.telegram.org. Point it at a local Bot API server or a test server.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the public HTTPS address Telegram posts updates to. Default: null, which selects
    /// long polling. When set, the channel registers it with setWebhook and listens on
    /// <see cref="WebhookListenUrl"/> behind a TLS-terminating reverse proxy.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// Gets or sets the secret Telegram sends in the X-Telegram-Bot-Api-Secret-Token header of
    /// every webhook request: 1 to 256 characters of A-Z, a-z, 0-9, '_' and '-'. Required with
    /// <see cref="WebhookUrl"/>. Default: none.
    /// </summary>
    public string? WebhookSecretToken { get; set; }

    /// <summary>
    /// Gets or sets the local address the webhook listener binds to. Default: http://127.0.0.1:8443.
    /// The request path is the path of <see cref="WebhookUrl"/>.
    /// </summary>
    public string WebhookListenUrl { get; set; } = "http://127.0.0.1:8443";

    /// <summary>Gets or sets the maximum number of simultaneous webhook connections Telegram opens, 1 to 100. Default: 40.</summary>
    [Range(1, 100)]
    public int WebhookMaxConnections { get; set; } = 40;

    /// <summary>Gets or sets the long-polling timeout of getUpdates, in seconds, 0 to 50. Default: 30.</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 30;

    /// <summary>Gets or sets the maximum number of updates one getUpdates call returns, 1 to 100. Default: 100.</summary>
    [Range(1, 100)]
    public int PollLimit { get; set; } = 100;

    /// <summary>Gets or sets how many chats are handled at the same time, 1 to 256. Default: 8. Updates of one chat are always handled in order.</summary>
    [Range(1, 256)]
    public int MaxConcurrentChats { get; set; } = 8;

    /// <summary>Gets or sets how many received updates may wait for handling before polling pauses, 1 to 10,000. Default: 500.</summary>
    [Range(1, 10_000)]
    public int MaxPendingUpdates { get; set; } = 500;

    /// <summary>Gets or sets how many handled update ids are remembered to drop duplicates, 100 to 100,000. Default: 2,000.</summary>
    [Range(100, 100_000)]
    public int HandledUpdateMemory { get; set; } = 2_000;

    /// <summary>Gets or sets the timeout of one Bot API request other than the long poll, in seconds, 1 to 300. Default: 30.</summary>
    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Gets or sets how long shutdown waits for updates being handled, in seconds, 0 to 300. Default: 10.
    /// Updates still running then are abandoned and handled again after the next start.
    /// </summary>
    [Range(0, 300)]
    public int ShutdownTimeoutSeconds { get; set; } = 10;

    /// <summary>Gets or sets the minimum time between two messages to one private chat, in milliseconds, 0 to 60,000. Default: 1,000.</summary>
    [Range(0, 60_000)]
    public int PrivateChatMessageIntervalMs { get; set; } = 1_000;

    /// <summary>Gets or sets the minimum time between two messages to one group, in milliseconds, 0 to 600,000. Default: 3,000 (20 a minute).</summary>
    [Range(0, 600_000)]
    public int GroupMessageIntervalMs { get; set; } = 3_000;

    /// <summary>Gets or sets the maximum number of messages the bot sends per second over all chats, 1 to 1,000. Default: 30.</summary>
    [Range(1, 1_000)]
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>Gets or sets how many times a failed send is retried (429, 5xx, network errors), 0 to 20. Default: 5.</summary>
    [Range(0, 20)]
    public int SendRetryCount { get; set; } = 5;

    /// <summary>
    /// Gets or sets how long a button press may wait for the reply before the button's loading indicator
    /// is cleared and the reply follows as a message, in milliseconds, 0 to 10,000. Default: 2,500.
    /// </summary>
    [Range(0, 10_000)]
    public int CallbackAnswerWaitMs { get; set; } = 2_500;

    /// <summary>Gets a value indicating whether updates arrive by webhook rather than by long polling.</summary>
    public bool UsesWebhook => !string.IsNullOrWhiteSpace(WebhookUrl);
}
