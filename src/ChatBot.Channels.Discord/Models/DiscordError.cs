namespace ChatBot.Channels.Discord.Models;

/// <summary>An error or rate-limit body from the REST API.</summary>
internal sealed record DiscordErrorBody
{
    public int? Code { get; init; }

    public string? Message { get; init; }

    public double? RetryAfter { get; init; }

    public bool? Global { get; init; }
}
