using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using ChatBot.Channels.Discord.Models;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Rest;

/// <summary>
/// Discord's REST API over HttpClient: bot-token authentication, the documented User-Agent, rate limits,
/// retries of 429 and 5xx responses and a guard against Discord's invalid-request ban.
/// </summary>
public sealed partial class DiscordRestClient
{
    /// <summary>The name of the HttpClient this client takes from the factory.</summary>
    public const string HttpClientName = "ChatBot.Discord";

    private const int MaxTransientRetries = 3;
    private const int MaxRateLimitRetries = 5;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly RestRateLimiter _rateLimiter;
    private readonly InvalidRequestCounter _invalidRequests;
    private readonly string _baseUrl;
    private volatile bool _tokenRejected;

    public DiscordRestClient(
        IHttpClientFactory httpClientFactory,
        IOptions<DiscordOptions> options,
        TimeProvider timeProvider,
        ILogger<DiscordRestClient> logger,
        ChatBotMetrics? metrics = null)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _rateLimiter = new RestRateLimiter(timeProvider, logger, metrics);
        _invalidRequests = new InvalidRequestCounter(_options.InvalidRequestLimit, timeProvider);
        _baseUrl = _options.ApiBaseUrl.TrimEnd('/');
    }

    /// <summary>Gets the User-Agent sent with every REST request and the gateway handshake, in Discord's required form.</summary>
    public static string UserAgent { get; } = BuildUserAgent();

    /// <summary>Gets the number of invalid requests (401, 403, counted 429) in the last 10 minutes.</summary>
    public int InvalidRequestCount => _invalidRequests.Count;

    /// <summary>Calls GET /gateway/bot: the gateway URL, recommended shards and the session start limit.</summary>
    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync<GatewayBotInfo>(new RestRequest(HttpMethod.Get, "/gateway/bot", "/gateway/bot", string.Empty), cancellationToken);

    /// <summary>Calls GET /applications/@me: the application of the bot token, whose id registers slash commands.</summary>
    public Task<PartialApplication> GetCurrentApplicationAsync(CancellationToken cancellationToken) =>
        SendAsync<PartialApplication>(new RestRequest(HttpMethod.Get, "/applications/@me", "/applications/@me", string.Empty), cancellationToken);

    /// <summary>Creates a message in a channel.</summary>
    public Task<DiscordMessage> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync<DiscordMessage>(
            new RestRequest(HttpMethod.Post, "/channels/{channel_id}/messages", $"/channels/{Id(channelId)}/messages", channelId, message),
            cancellationToken);

    /// <summary>Opens (or returns) the direct-message channel with a user.</summary>
    public Task<DiscordChannel> CreateDmChannelAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync<DiscordChannel>(
            new RestRequest(HttpMethod.Post, "/users/@me/channels", "/users/@me/channels", string.Empty, new CreateDmRequest(userId)),
            cancellationToken);

    /// <summary>Sends the first response to an interaction; it must arrive within 3 seconds of the interaction.</summary>
    public Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRequest(
                HttpMethod.Post,
                "/interactions/{interaction_id}/{interaction_token}/callback",
                $"/interactions/{Id(interactionId)}/{Uri.EscapeDataString(interactionToken)}/callback",
                interactionId,
                response,
                IsInteraction: true),
            cancellationToken);

    /// <summary>Edits the original interaction response (finishes a deferred response).</summary>
    public Task EditOriginalResponseAsync(string applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(OriginalResponse(HttpMethod.Patch, applicationId, interactionToken, message), cancellationToken);

    /// <summary>Deletes the original interaction response.</summary>
    public Task DeleteOriginalResponseAsync(string applicationId, string interactionToken, CancellationToken cancellationToken) =>
        SendAsync(OriginalResponse(HttpMethod.Delete, applicationId, interactionToken, null), cancellationToken);

    /// <summary>Sends a follow-up message to an interaction.</summary>
    public Task CreateFollowupMessageAsync(string applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRequest(
                HttpMethod.Post,
                "/webhooks/{application_id}/{interaction_token}",
                $"/webhooks/{Id(applicationId)}/{Uri.EscapeDataString(interactionToken)}",
                $"{applicationId}/{interactionToken}",
                message,
                IsInteraction: true),
            cancellationToken);

    /// <summary>Lists the registered slash commands, globally or of one guild.</summary>
    public Task<IReadOnlyList<ApplicationCommand>> GetCommandsAsync(string applicationId, string? guildId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ApplicationCommand>>(Commands(HttpMethod.Get, applicationId, guildId, null), cancellationToken);

    /// <summary>Replaces all slash commands, globally or of one guild, with the given set.</summary>
    public Task BulkOverwriteCommandsAsync(string applicationId, string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        SendAsync(Commands(HttpMethod.Put, applicationId, guildId, commands), cancellationToken);

    internal async Task<T> SendAsync<T>(RestRequest request, CancellationToken cancellationToken)
    {
        var body = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<T>(body, DiscordJson.Options)
            ?? throw new DiscordRestException($"Discord returned an empty body for {request.Method.Method} {request.SafePath}.");
    }

    internal async Task SendAsync(RestRequest request, CancellationToken cancellationToken) =>
        await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);

    private async Task<byte[]> SendCoreAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8), _timeProvider);
        var rateLimitRetries = 0;
        while (true)
        {
            ThrowIfBlocked(request);
            var bucket = await _rateLimiter.AcquireAsync(request, cancellationToken).ConfigureAwait(false);
            HttpStatusCode status;
            byte[] body;
            try
            {
                (status, body) = await SendOnceAsync(request, bucket, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                RestRateLimiter.Release(bucket);
                if (backoff.Attempt >= MaxTransientRetries)
                {
                    throw new DiscordRestException(
                        $"{request.Method.Method} {request.SafePath} failed after {MaxTransientRetries + 1} attempts: {exception.Message}",
                        innerException: exception);
                }

                var delay = backoff.NextDelay();
                LogTransientFailure(_logger, request.Method.Method, request.SafePath, (long)delay.TotalMilliseconds, exception);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            RestRateLimiter.Release(bucket);
            if ((int)status is >= 200 and < 300)
            {
                return body;
            }

            var error = TryParseError(body);
            switch ((int)status)
            {
                case 401:
                    _invalidRequests.Record();
                    _tokenRejected = true;
                    LogUnauthorized(_logger, request.Method.Method, request.SafePath);
                    throw new DiscordUnauthorizedException(
                        "Discord rejected the bot token (401 Unauthorized). Reset the token on the developer portal's Bot page and set Discord:BotToken.");
                case 429:
                    if (rateLimitRetries++ < MaxRateLimitRetries)
                    {
                        LogRateLimited(_logger, request.Method.Method, request.SafePath, error?.RetryAfter ?? 0, error?.Global == true);
                        continue;
                    }

                    throw new DiscordRestException(
                        $"{request.Method.Method} {request.SafePath} was still rate limited after {MaxRateLimitRetries} retries.", status, error?.Code);
                case >= 500 when backoff.Attempt < MaxTransientRetries:
                    var delay = backoff.NextDelay();
                    LogServerError(_logger, request.Method.Method, request.SafePath, (int)status, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    if (status == HttpStatusCode.Forbidden)
                    {
                        RecordInvalid();
                    }

                    throw new DiscordRestException(
                        $"{request.Method.Method} {request.SafePath} failed with {(int)status} {status}: {error?.Message ?? "no error message"} (Discord code {error?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).",
                        status,
                        error?.Code);
            }
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendOnceAsync(RestRequest request, RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, _baseUrl + request.Path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.BotToken);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request.Body, request.Body.GetType(), DiscordJson.Options));
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var client = _httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        _rateLimiter.Update(request, bucket, response, (int)response.StatusCode == 429 ? TryParseError(body) : null);
        if ((int)response.StatusCode == 429)
        {
            var scope = response.Headers.TryGetValues("X-RateLimit-Scope", out var values) ? values.FirstOrDefault() : null;
            if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
            {
                RecordInvalid();
            }
        }

        return (response.StatusCode, body);
    }

    private void ThrowIfBlocked(RestRequest request)
    {
        if (_tokenRejected)
        {
            throw new DiscordUnauthorizedException(
                $"Not sending {request.Method.Method} {request.SafePath}: Discord rejected the bot token earlier. Set a valid Discord:BotToken and restart.");
        }

        var wait = _invalidRequests.TimeUntilBelowLimit();
        if (wait > TimeSpan.Zero)
        {
            throw new DiscordRestException(
                $"Not sending {request.Method.Method} {request.SafePath}: {_invalidRequests.Limit} invalid requests (401, 403, 429) in 10 minutes reached Discord:InvalidRequestLimit; sending resumes in {wait.TotalSeconds:0} s.");
        }
    }

    private void RecordInvalid()
    {
        var count = _invalidRequests.Record();
        if (count == _invalidRequests.Limit / 2 || count == _invalidRequests.Limit)
        {
            LogInvalidRequests(_logger, count, _invalidRequests.Limit);
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static DiscordErrorBody? TryParseError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DiscordErrorBody>(body, DiscordJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RestRequest OriginalResponse(HttpMethod method, string applicationId, string token, MessagePayload? message) =>
        new(
            method,
            "/webhooks/{application_id}/{interaction_token}/messages/@original",
            $"/webhooks/{Id(applicationId)}/{Uri.EscapeDataString(token)}/messages/@original",
            $"{applicationId}/{token}",
            message,
            IsInteraction: true);

    private static RestRequest Commands(HttpMethod method, string applicationId, string? guildId, object? body)
    {
        // Without with_localizations Discord lists only the localisation of the request's locale.
        var query = method == HttpMethod.Get ? "?with_localizations=true" : string.Empty;
        return guildId is null
            ? new(method, "/applications/{application_id}/commands", $"/applications/{Id(applicationId)}/commands{query}", applicationId, body)
            : new(method, "/applications/{application_id}/guilds/{guild_id}/commands", $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands{query}", guildId, body);
    }

    /// <summary>Checks that an id is a snowflake before it goes into a path.</summary>
    private static string Id(string id) =>
        id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit)
            ? id
            : throw new ArgumentException($"'{id}' is not a Discord snowflake id.", nameof(id));

    private static string BuildUserAgent()
    {
        var version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            version = version[..plus];
        }

        // Discord requires "DiscordBot ($url, $versionNumber)"; the URL names the client's home page.
        // NOTE: example.com is a placeholder until the project has a public home page.
        return $"DiscordBot (https://example.com/chatbot, {version})";
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Discord REST {Method} {Path} failed; retrying in {DelayMilliseconds} ms.")]
    private static partial void LogTransientFailure(ILogger logger, string method, string path, long delayMilliseconds, Exception exception);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Discord REST {Method} {Path} returned {StatusCode}; retrying in {DelayMilliseconds} ms.")]
    private static partial void LogServerError(ILogger logger, string method, string path, int statusCode, long delayMilliseconds);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Discord REST {Method} {Path} was rate limited (429, retry after {RetryAfterSeconds} s, global {IsGlobal}); retrying when the limit resets.")]
    private static partial void LogRateLimited(ILogger logger, string method, string path, double retryAfterSeconds, bool isGlobal);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Discord REST {Method} {Path} returned 401 Unauthorized: the bot token is invalid; no further requests are sent.")]
    private static partial void LogUnauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "{Count} invalid Discord requests (401, 403, 429) in the last 10 minutes; the client stops sending at {Limit}.")]
    private static partial void LogInvalidRequests(ILogger logger, int count, int limit);
}
