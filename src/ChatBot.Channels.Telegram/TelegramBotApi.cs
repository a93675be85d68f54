using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatBot.Channels.Telegram;

/// <summary>
/// The Telegram.Bot client the channel shares, with its own HttpClient. The HttpClient is not taken
/// from IHttpClientFactory on purpose: the factory's logging handler writes request URLs to the
/// log, and every Bot API URL contains the token.
/// </summary>
internal sealed class TelegramBotApi : IDisposable
{
    private readonly HttpClient _httpClient;

    public TelegramBotApi(IOptions<TelegramOptions> options)
    {
        var settings = options.Value;
        _httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // The long poll holds a request open for PollTimeoutSeconds, so the HTTP timeout covers
            // that plus the time of an ordinary request.
            Timeout = TimeSpan.FromSeconds(settings.PollTimeoutSeconds + settings.RequestTimeoutSeconds),
        };
        var clientOptions = new TelegramBotClientOptions(settings.BotToken!, string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ? null : settings.ApiBaseUrl)
        {
            // The channel schedules its own retries after a 429, with the flood limits in mind.
            RetryThreshold = 0,
        };
        Client = new TelegramBotClient(clientOptions, _httpClient);
    }

    public ITelegramBotClient Client { get; }

    public void Dispose() => _httpClient.Dispose();
}

/// <summary>The bot's own account, as getMe returns it.</summary>
internal sealed record BotIdentity(long Id, string Username);
