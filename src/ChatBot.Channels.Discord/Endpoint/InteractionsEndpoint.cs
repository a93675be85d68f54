using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ChatBot.Channels.Discord.Adapter;
using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Endpoint;

/// <summary>
/// The interactions endpoint: a Kestrel listener on <see cref="DiscordOptions.InteractionsListenUrl"/> (plain HTTP,
/// behind a TLS-terminating reverse proxy) that accepts Discord's signed POSTs on <see cref="DiscordOptions.InteractionsPath"/>.
/// It returns PONG for PING, rejects a missing, invalid or stale signature with 401, and returns the first response
/// of a command, button or autocomplete interaction as the HTTP response body. Edits and follow-ups go through REST.
/// </summary>
internal sealed partial class InteractionsEndpoint(
    InteractionEventHandler handler,
    IOptions<DiscordOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    /// <summary>The maximum accepted request body size, well above the few kilobytes of an interaction.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    /// <summary>How long a request waits for a free handler slot before it gets 503.</summary>
    private static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(1);

    private static readonly byte[] PongBody = JsonSerializer.SerializeToUtf8Bytes(new InteractionResponse(InteractionCallbackType.Pong), DiscordJson.Options);

    private readonly RunningTasks _running = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<InteractionsEndpoint>();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentInteractions);
    private SignatureVerifier? _verifier;
    private IHost? _listener;
    private CancellationToken _stopping;
    private long _rejectedCount;

    /// <summary>Gets the address the listener is bound to, once started (the real port when 0 was configured).</summary>
    public Uri? ListeningAddress { get; private set; }

    /// <summary>Gets a task that completes with <see cref="ListeningAddress"/> once the listener accepts requests.</summary>
    public Task<Uri> Listening => _listening.Task;

    /// <summary>Starts listening. Handlers started by requests run until they finish or <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task StartAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!DiscordOptionsValidator.TryParsePublicKey(settings.PublicKey?.Trim() ?? string.Empty, out var publicKey) || publicKey is null)
        {
            throw new InvalidOperationException("Discord:PublicKey is missing or is not a 64-character hexadecimal Ed25519 public key.");
        }

        _verifier = new SignatureVerifier(publicKey, timeProvider);
        _stopping = stoppingToken;
        _listener = new HostBuilder()
            .ConfigureServices(services => services
                .AddSingleton(loggerFactory)
                .Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true))
            .ConfigureWebHost(webHost => webHost
                .UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes)
                .UseUrls(settings.InteractionsListenUrl)
                .Configure(app => app.Run(HandleRequestAsync)))
            .Build();
        try
        {
            await _listener.StartAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _listening.TrySetException(exception);
            throw;
        }

        var addresses = _listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        ListeningAddress = new Uri(addresses!.Addresses.First());
        LogListening(_logger, ListeningAddress.ToString(), settings.InteractionsPath);
        _listening.TrySetResult(ListeningAddress);
    }

    /// <summary>Stops accepting requests, then waits for running handlers to send their edits and follow-ups.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is null)
        {
            return;
        }

        await _listener.StopAsync(cancellationToken).ConfigureAwait(false);
        await _running.WhenAll().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        _slots.Dispose();
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!string.Equals(request.Path.Value, options.Value.InteractionsPath, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            LogBodyRejected(_logger, exception.StatusCode, exception.Message);
            context.Response.StatusCode = exception.StatusCode;
            return;
        }

        var check = _verifier!.Verify(request.Headers[SignatureVerifier.SignatureHeader], request.Headers[SignatureVerifier.TimestampHeader], body);
        if (check != SignatureCheck.Valid)
        {
            LogSignatureRejected(_logger, check, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", Interlocked.Increment(ref _rejectedCount));
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<Interaction>(body, DiscordJson.Options);
        }
        catch (JsonException exception)
        {
            LogBodyInvalid(_logger, exception.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await RespondAsync(context, interaction).ConfigureAwait(false);
    }

    private async Task RespondAsync(HttpContext context, Interaction? interaction)
    {
        switch (interaction?.Type)
        {
            case InteractionType.Ping:
                await WriteJsonAsync(context.Response, PongBody, context.RequestAborted).ConfigureAwait(false);
                break;
            case InteractionType.ApplicationCommand or InteractionType.MessageComponent or InteractionType.ApplicationCommandAutocomplete:
                await DispatchAsync(context, interaction).ConfigureAwait(false);
                break;
            default:
                LogUnsupportedType(_logger, interaction?.Id ?? "none", (int?)interaction?.Type ?? 0);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
    }

    /// <summary>
    /// Runs the shared interaction handler and waits for its first response, which comes within the defer threshold
    /// (Discord:InteractionDeferAfterMilliseconds). The handler then continues in the background with edits and follow-ups.
    /// </summary>
    private async Task DispatchAsync(HttpContext context, Interaction interaction)
    {
        if (_stopping.IsCancellationRequested || !await _slots.WaitAsync(SlotWait, context.RequestAborted).ConfigureAwait(false))
        {
            LogBusy(_logger, interaction.Id);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var callback = new HttpInteractionCallback();
        var handling = RunHandlerAsync(interaction, callback);
        _running.Track(handling);
        var response = await WaitForFirstResponseAsync(callback, handling, context.RequestAborted).ConfigureAwait(false);
        if (response is null)
        {
            var reason = handling.IsCompleted ? "the handler finished without one" : $"none within {InteractionResponder.ResponseDeadline.TotalSeconds:0} s";
            callback.Abandon(reason);
            LogNoFirstResponse(_logger, interaction.Id, reason, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        try
        {
            await WriteJsonAsync(context.Response, JsonSerializer.SerializeToUtf8Bytes(response, DiscordJson.Options), context.RequestAborted).ConfigureAwait(false);

            // NOTE: flushing only puts the response on the connection to the proxy. If Discord is still reading it when
            // the first edit or follow-up arrives, Discord may reject that request as an unknown interaction (10062).
            await context.Response.CompleteAsync().ConfigureAwait(false);
            callback.MarkSent();
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            callback.Abandon("the HTTP connection closed");
            LogResponseFailed(_logger, interaction.Id, exception);
        }
    }

    private async Task RunHandlerAsync(Interaction interaction, HttpInteractionCallback callback)
    {
        try
        {
            await handler.HandleAsync(interaction, callback, _stopping).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<InteractionResponse?> WaitForFirstResponseAsync(HttpInteractionCallback callback, Task handling, CancellationToken requestAborted)
    {
        try
        {
            await Task.WhenAny(callback.Response, handling).WaitAsync(InteractionResponder.ResponseDeadline, timeProvider, requestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            return null;
        }

        return callback.Response.IsCompletedSuccessfully ? callback.Response.Result : null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteJsonAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 350, Level = LogLevel.Information, Message = "Discord interactions endpoint listening on {Address}, path {Path}.")]
    private static partial void LogListening(ILogger logger, string address, string path);

    [LoggerMessage(EventId = 351, Level = LogLevel.Information, Message = "Discord interactions endpoint stopped.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 352, Level = LogLevel.Warning, Message = "Discord interactions endpoint: rejected a request from {RemoteAddress} with 401 ({Reason}); {Count} rejected since start.")]
    private static partial void LogSignatureRejected(ILogger logger, SignatureCheck reason, string remoteAddress, long count);

    [LoggerMessage(EventId = 353, Level = LogLevel.Warning, Message = "Discord interactions endpoint: a signed request body is not a valid interaction: {Reason}")]
    private static partial void LogBodyInvalid(ILogger logger, string reason);

    [LoggerMessage(EventId = 354, Level = LogLevel.Error, Message = "Discord interaction {InteractionId} got no first response ({Reason}) after {ElapsedMilliseconds} ms; Discord shows it as failed.")]
    private static partial void LogNoFirstResponse(ILogger logger, string interactionId, string reason, long elapsedMilliseconds);

    [LoggerMessage(EventId = 355, Level = LogLevel.Error, Message = "Discord interaction {InteractionId}: writing the first response failed.")]
    private static partial void LogResponseFailed(ILogger logger, string interactionId, Exception exception);

    [LoggerMessage(EventId = 356, Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} rejected with 503: all Discord:MaxConcurrentInteractions handler slots are busy, or the channel is stopping.")]
    private static partial void LogBusy(ILogger logger, string interactionId);

    [LoggerMessage(EventId = 357, Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} of unsupported type {Type} rejected with 400.")]
    private static partial void LogUnsupportedType(ILogger logger, string interactionId, int type);

    [LoggerMessage(EventId = 358, Level = LogLevel.Warning, Message = "Discord interactions endpoint: request body rejected with {StatusCode}: {Reason}")]
    private static partial void LogBodyRejected(ILogger logger, int statusCode, string reason);
}
