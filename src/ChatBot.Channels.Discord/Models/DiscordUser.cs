namespace ChatBot.Channels.Discord.Models;

/// <summary>A Discord user; ids are snowflakes kept as strings.</summary>
public sealed record DiscordUser
{
    public string Id { get; init; } = string.Empty;

    public string? Username { get; init; }

    public string? GlobalName { get; init; }

    public bool Bot { get; init; }
}

/// <summary>A guild member; the member's user is present in interactions.</summary>
public sealed record DiscordMember(DiscordUser? User);
