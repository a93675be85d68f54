using System.Diagnostics;
using System.Text;
using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using ChatBot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations.Control;

/// <summary>
/// Serves the control protocol on a Unix domain socket in the data folder while the bot runs, so the
/// operations commands can ask this process, which has the database open, to do their work. Only the
/// socket's owner may connect, because the file gets mode 0600 before the socket starts listening.
/// </summary>
internal sealed partial class ControlServer(
    IServiceProvider services,
    IOptions<OperationsOptions> options,
    IOptions<DataOptions> dataOptions,
    TimeProvider timeProvider,
    ILogger<ControlServer> logger) : IHostedService, IAsyncDisposable
{
    // sun_path is 108 bytes on Linux, including the terminating zero.
    private const int MaxSocketPathBytes = 107;

    private WebApplication? _app;
    private string? _socketPath;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The bot holds the data folder's lock from its start, even before a channel opens the
        // database, so a second bot on the same folder stops here.
        services.GetRequiredService<DataFolderLock>();
        if (!options.Value.ControlSocket)
        {
            LogDisabled(logger);
            return;
        }

        var socketPath = dataOptions.Value.Resolve(OperationsOptions.ControlSocketFileName);
        if (Encoding.UTF8.GetByteCount(socketPath) > MaxSocketPathBytes)
        {
            LogPathTooLong(logger, socketPath, MaxSocketPathBytes);
            return;
        }

        // Holding the lock proves no other bot serves this folder, so a socket file that exists now
        // was left behind by a process that ended without removing it.
        File.Delete(socketPath);

        var app = BuildApp(socketPath);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        _socketPath = socketPath;
        LogListening(logger, socketPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        DeleteSocketFile();
        LogStopped(logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private WebApplication BuildApp(string socketPath)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseSockets(transport => transport.CreateBoundListenSocket = endpoint =>
        {
            // Binding creates the socket file. Connections are possible only after Kestrel calls
            // listen() on the returned socket, so the mode is set before anyone can connect.
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return socket;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        builder.Services.AddRoutingCore();

        var app = builder.Build();
        var startedAt = timeProvider.GetUtcNow();
        app.MapGet(ControlProtocol.StatusPath, context => WriteAsync(context, new ControlStatus(
            Environment.ProcessId,
            dataOptions.Value.FullPath,
            services.GetRequiredService<ChatBotDatabase>().Path,
            startedAt)));
        app.MapPost(ControlProtocol.BackupPath, HandleBackupAsync);
        app.MapGet(ControlProtocol.PersonPath, context => HandlePersonAsync(context, delete: false));
        app.MapDelete(ControlProtocol.PersonPath, context => HandlePersonAsync(context, delete: true));
        app.MapGet(ControlProtocol.StatisticsPath, HandleStatisticsAsync);
        app.MapPost(ControlProtocol.RetrainPath, HandleRetrainAsync);
        return app;
    }

    // Resolved per request: the database opens when the first channel starts, not when this server does.
    private DataOperations Operations => services.GetRequiredService<DataOperations>();

    private Task HandleBackupAsync(HttpContext context) => RunAsync(context, async () =>
    {
        var request = await ReadBodyAsync<BackupRequest>(context).ConfigureAwait(false);
        return Operations.Backup(request.Path, request.Overwrite);
    });

    private Task HandleStatisticsAsync(HttpContext context) =>
        RunAsync(context, () => Task.FromResult<object?>(Operations.GetStatistics()));

    private Task HandleRetrainAsync(HttpContext context) => RunAsync(context, async () =>
        new RetrainResult(await Operations.RetrainAsync(context.RequestAborted).ConfigureAwait(false)));

    private Task HandlePersonAsync(HttpContext context, bool delete) => RunAsync(context, () =>
    {
        var platform = context.Request.Query["platform"].ToString();
        var userId = context.Request.Query["user"].ToString();
        if (string.IsNullOrWhiteSpace(platform) || string.IsNullOrWhiteSpace(userId))
        {
            throw new OperationFailedException(OperationFailure.InvalidRequest, "Both the platform and the user id are required.");
        }

        var identity = new PlatformIdentity(platform, userId);
        object? result = delete ? Operations.DeletePerson(identity) : Operations.ExportPerson(identity);
        return Task.FromResult<object?>(result ?? throw new OperationFailedException(OperationFailure.NotFound, $"No person with the identity {identity} was found."));
    });

    private async Task RunAsync(HttpContext context, Func<Task<object?>> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await operation().ConfigureAwait(false);
            await WriteAsync(context, result).ConfigureAwait(false);
            LogRequest(logger, context.Request.Method, context.Request.Path.ToString(), StatusCodes.Status200OK, stopwatch.ElapsedMilliseconds);
        }
        catch (OperationFailedException exception)
        {
            var status = (int)ControlProtocol.StatusCodeOf(exception.Failure);
            await WriteAsync(context, new ControlError(exception.Message), status).ConfigureAwait(false);
            LogRequest(logger, context.Request.Method, context.Request.Path.ToString(), status, stopwatch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogRequestAborted(logger, context.Request.Method, context.Request.Path.ToString());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One failed request must not stop the server; the operator sees the message and the log has the details.
            LogRequestFailed(logger, exception, context.Request.Method, context.Request.Path.ToString());
            await WriteAsync(context, new ControlError($"The operation failed: {exception.Message}"), StatusCodes.Status500InternalServerError).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadBodyAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(ControlProtocol.JsonOptions, context.RequestAborted).ConfigureAwait(false)
                ?? throw new OperationFailedException(OperationFailure.InvalidRequest, "The request body is empty.");
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new OperationFailedException(OperationFailure.InvalidRequest, $"The request body is not valid JSON: {exception.Message}");
        }
    }

    private static Task WriteAsync(HttpContext context, object? body, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(body, body?.GetType() ?? typeof(object), ControlProtocol.JsonOptions, context.RequestAborted);
    }

    private void DeleteSocketFile()
    {
        if (_socketPath is null)
        {
            return;
        }

        try
        {
            File.Delete(_socketPath);
        }
        catch (IOException exception)
        {
            LogDeleteFailed(logger, exception, _socketPath);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Control socket listening on {Path}.")]
    private static partial void LogListening(ILogger logger, string path);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Control socket stopped.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Control socket is off (Operations:ControlSocket=false); backup, export and delete commands cannot reach this process.")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Control socket not started: the path {Path} is longer than the {Max} bytes a Unix socket address holds. Use a shorter Data:Directory to run backups while the bot runs.")]
    private static partial void LogPathTooLong(ILogger logger, string path, int max);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Control request {Method} {Path}: {StatusCode} in {ElapsedMs} ms.")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Control request {Method} {Path} abandoned: the client disconnected.")]
    private static partial void LogRequestAborted(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 16, Level = LogLevel.Error, Message = "Control request {Method} {Path} failed.")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Could not delete the control socket file {Path}.")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string path);
}
