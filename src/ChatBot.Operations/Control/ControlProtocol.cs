using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Operations.Control;

/// <summary>
/// The control socket's protocol: HTTP/1.1 with JSON bodies over a Unix domain socket, so an operator can
/// also use it with "curl --unix-socket DATA/control.sock http://localhost/v1/stats".
/// </summary>
internal static class ControlProtocol
{
    /// <summary>GET: the bot's process id and data folder.</summary>
    public const string StatusPath = "/v1/status";

    /// <summary>POST <see cref="BackupRequest"/>: writes a backup; returns <see cref="BackupResult"/>.</summary>
    public const string BackupPath = "/v1/backup";

    /// <summary>GET ?platform=P&amp;user=ID: exports a person; DELETE with the same query: deletes them.</summary>
    public const string PersonPath = "/v1/person";

    /// <summary>GET: <see cref="DatabaseStatistics"/>.</summary>
    public const string StatisticsPath = "/v1/stats";

    /// <summary>POST: retrains the recommender; returns <see cref="RetrainResult"/>.</summary>
    public const string RetrainPath = "/v1/retrain";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public static HttpStatusCode StatusCodeOf(OperationFailure failure) => failure switch
    {
        OperationFailure.InvalidRequest => HttpStatusCode.BadRequest,
        OperationFailure.NotFound => HttpStatusCode.NotFound,
        OperationFailure.Conflict => HttpStatusCode.Conflict,
        OperationFailure.NotAvailable => HttpStatusCode.NotImplemented,
        _ => HttpStatusCode.InternalServerError,
    };

    public static OperationFailure? FailureOf(HttpStatusCode statusCode) => statusCode switch
    {
        HttpStatusCode.BadRequest => OperationFailure.InvalidRequest,
        HttpStatusCode.NotFound => OperationFailure.NotFound,
        HttpStatusCode.Conflict => OperationFailure.Conflict,
        HttpStatusCode.NotImplemented => OperationFailure.NotAvailable,
        _ => null,
    };
}

/// <summary>The running bot, as its control socket describes it.</summary>
public sealed record ControlStatus(int ProcessId, string DataDirectory, string DatabasePath, DateTimeOffset StartedAt);

/// <param name="Path">The backup file's absolute path, as seen by the bot's process.</param>
/// <param name="Overwrite">Whether an existing file may be replaced.</param>
public sealed record BackupRequest(string Path, bool Overwrite);

public sealed record RetrainResult(string Summary);

/// <summary>The body of every response that is not 2xx.</summary>
public sealed record ControlError(string Error);
