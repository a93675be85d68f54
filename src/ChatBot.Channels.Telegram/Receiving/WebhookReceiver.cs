using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatBot.Channels.Telegram.Receiving;

/// <summary>
/// Receives updates that Telegram posts to the webhook. A Kestrel listener on
/// <see cref="TelegramOptions.WebhookListenUrl"/> (loopback by default, behind a TLS-terminating
/// proxy) accepts POSTs on the webhook URL's path, rejects requests without the secret token with
/// 401, stores each update in the ledger's inbox and only then responds 200.
/// </summary>
internal sealed class WebhookReceiver(
    ITelegramBotClient client,
    UpdateLedger ledger,
    UpdateDispatcher dispatcher,
    ResiliencePipeline pipeline,
    TelegramOptions options,
    ILoggerFactory loggerFactory,
    ILogger logger) : IAsyncDisposable
{
    /// <summary>The header in which Telegram repeats the secret token given to setWebhook.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private const long MaxBodyBytes = 1024 * 1024;

    private readonly byte[] _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.WebhookSecretToken ?? string.Empty));
    private readonly string _path = new Uri(options.WebhookUrl!).AbsolutePath;
    private IHost? _listener;
    private CancellationToken _stopping;
    private long _rejectedCount;

    /// <summary>Gets the address the listener is bound to, once started (the real port when 0 was configured).</summary>
    public Uri? ListeningAddress { get; private set; }

    /// <summary>Starts the listener, then registers the webhook with Telegram.</summary>
    public async Task StartAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _listener = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton(loggerFactory))
            .ConfigureWebHost(webHost => webHost
                .UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes)
                .UseUrls(options.WebhookListenUrl)
                .Configure(app => app.Run(HandleRequestAsync)))
            .Build();
        await _listener.StartAsync(stoppingToken).ConfigureAwait(false);
        var addresses = _listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        ListeningAddress = new Uri(addresses!.Addresses.First());
        TelegramLog.WebhookListening(logger, ListeningAddress.ToString(), _path);

        await pipeline.ExecuteAsync(
            async token => await client.SetWebhook(
                options.WebhookUrl!,
                maxConnections: options.WebhookMaxConnections,
                allowedUpdates: PollingReceiver.AllowedUpdates,
                dropPendingUpdates: false,
                secretToken: options.WebhookSecretToken,
                cancellationToken: token).ConfigureAwait(false),
            stoppingToken).ConfigureAwait(false);
        TelegramLog.WebhookRegistered(logger, options.WebhookUrl!);
    }

    /// <summary>Stops the listener. The webhook stays registered, so Telegram keeps updates until the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Compares the secret in constant time; hashing first also hides the secret's length.</summary>
    internal bool SecretMatches(string? presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty));
        return presented is not null && CryptographicOperations.FixedTimeEquals(presentedHash, _secretHash);
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !string.Equals(request.Path.Value, _path, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!SecretMatches(request.Headers[SecretHeader].FirstOrDefault()))
        {
            var count = Interlocked.Increment(ref _rejectedCount);
            if (IsPowerOfTen(count))
            {
                TelegramLog.WebhookSecretRejected(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", count);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            TelegramLog.WebhookBodyInvalid(logger, exception.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (update is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // When the dispatcher is full, a 503 makes Telegram deliver the update again later.
        if (dispatcher.PendingCount >= options.MaxPendingUpdates || _stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        foreach (var accepted in ledger.Accept([update], advanceOffset: false))
        {
            try
            {
                await dispatcher.EnqueueAsync(accepted, _stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
            {
                // The channel is stopping; the update stays in the inbox and runs after the next start.
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static bool IsPowerOfTen(long value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }
}
