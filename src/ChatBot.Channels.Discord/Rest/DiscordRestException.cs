using System.Net;

namespace ChatBot.Channels.Discord.Rest;

/// <summary>A REST call that Discord rejected, or that the client refused to send.</summary>
public class DiscordRestException : Exception
{
    public DiscordRestException(string message, HttpStatusCode? statusCode = null, int? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Gets the HTTP status, or null when the request was not sent or got no response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets Discord's JSON error code (10062 unknown interaction, 40060 already acknowledged, ...), or null.</summary>
    public int? ErrorCode { get; }
}

/// <summary>Discord returned 401: the bot token is invalid, so the client sends nothing more.</summary>
public sealed class DiscordUnauthorizedException(string message)
    : DiscordRestException(message, HttpStatusCode.Unauthorized);

/// <summary>Discord's JSON error codes the adapter reacts to.</summary>
public static class DiscordErrorCodes
{
    public const int UnknownInteraction = 10062;
    public const int InteractionAlreadyAcknowledged = 40060;
    public const int CannotSendMessagesToThisUser = 50007;
}
