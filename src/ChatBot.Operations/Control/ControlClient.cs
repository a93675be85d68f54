using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ChatBot.Core.People;

namespace ChatBot.Operations.Control;

/// <summary>Raised when the control socket exists but this process may not use it.</summary>
public sealed class ControlSocketUnavailableException(string message, Exception innerException) : IOException(message, innerException);

/// <summary>Talks to a running bot through its control socket.</summary>
public sealed class ControlClient : IDisposable
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;

    private ControlClient(HttpClient http, ControlStatus status)
    {
        _http = http;
        Status = status;
    }

    /// <summary>Gets what the bot reported when the client connected.</summary>
    public ControlStatus Status { get; }

    /// <summary>
    /// Connects to the bot serving <paramref name="socketPath"/>. Returns null when no bot is running there,
    /// because the socket file does not exist or no process accepts connections on it (a file left by a crash).
    /// </summary>
    /// <exception cref="ControlSocketUnavailableException">The socket exists but this user may not connect, or the bot does not answer.</exception>
    public static async Task<ControlClient?> TryConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        if (!File.Exists(socketPath))
        {
            return null;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, token) => ConnectAsync(socketPath, token),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };

        // The host name only fills the Host header: every connection goes to the socket file.
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StatusTimeout);
            var status = await SendAsync<ControlStatus>(http, new HttpRequestMessage(HttpMethod.Get, ControlProtocol.StatusPath), timeout.Token).ConfigureAwait(false);
            return new ControlClient(http, status);
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.AddressNotAvailable })
        {
            http.Dispose();
            return null;
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.AccessDenied })
        {
            http.Dispose();
            throw new ControlSocketUnavailableException(
                $"The bot's control socket '{socketPath}' exists, but this user may not connect to it. Run the command as the user that runs the bot.",
                exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            http.Dispose();
            throw new ControlSocketUnavailableException(
                $"The bot's control socket '{socketPath}' accepted the connection but did not answer within {StatusTimeout.TotalSeconds:0} s.",
                exception);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public Task<BackupResult> BackupAsync(string path, bool overwrite, CancellationToken cancellationToken) =>
        SendAsync<BackupResult>(_http, new HttpRequestMessage(HttpMethod.Post, ControlProtocol.BackupPath)
        {
            Content = JsonContent.Create(new BackupRequest(path, overwrite), options: ControlProtocol.JsonOptions),
        }, cancellationToken);

    /// <summary>Exports a person, or returns null when no person has the identity.</summary>
    public Task<PersonExport?> ExportPersonAsync(PlatformIdentity identity, CancellationToken cancellationToken) =>
        SendOrNotFoundAsync<PersonExport>(new HttpRequestMessage(HttpMethod.Get, PersonUri(identity)), cancellationToken);

    /// <summary>Deletes a person, or returns null when no person has the identity.</summary>
    public Task<DeletePersonResult?> DeletePersonAsync(PlatformIdentity identity, CancellationToken cancellationToken) =>
        SendOrNotFoundAsync<DeletePersonResult>(new HttpRequestMessage(HttpMethod.Delete, PersonUri(identity)), cancellationToken);

    public Task<DatabaseStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        SendAsync<DatabaseStatistics>(_http, new HttpRequestMessage(HttpMethod.Get, ControlProtocol.StatisticsPath), cancellationToken);

    public async Task<string> RetrainAsync(CancellationToken cancellationToken) =>
        (await SendAsync<RetrainResult>(_http, new HttpRequestMessage(HttpMethod.Post, ControlProtocol.RetrainPath), cancellationToken).ConfigureAwait(false)).Summary;

    public void Dispose() => _http.Dispose();

    private static Uri PersonUri(PlatformIdentity identity) => new(
        $"{ControlProtocol.PersonPath}?platform={Uri.EscapeDataString(identity.Platform)}&user={Uri.EscapeDataString(identity.UserId)}",
        UriKind.Relative);

    private async Task<T?> SendOrNotFoundAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await SendAsync<T>(_http, request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationFailedException exception) when (exception.Failure == OperationFailure.NotFound)
        {
            return null;
        }
    }

    private static async Task<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(ControlProtocol.JsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"The bot returned an empty body for {request.RequestUri}.");
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            if (ControlProtocol.FailureOf(response.StatusCode) is { } failure)
            {
                throw new OperationFailedException(failure, error);
            }

            throw new IOException($"The bot failed the request {request.Method} {request.RequestUri} ({(int)response.StatusCode}): {error}");
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ControlError>(text, ControlProtocol.JsonOptions)?.Error ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
