namespace ChatBot.Channels.Discord.Models;

/// <summary>The parts of a received message the adapter reads.</summary>
public sealed record DiscordMessage
{
    public string Id { get; init; } = string.Empty;

    public string ChannelId { get; init; } = string.Empty;

    /// <summary>Gets the guild id, or null for a direct message.</summary>
    public string? GuildId { get; init; }

    public DiscordUser Author { get; init; } = new();

    public string Content { get; init; } = string.Empty;

    public IReadOnlyList<DiscordUser> Mentions { get; init; } = [];

    /// <summary>Gets the webhook id when a webhook sent the message.</summary>
    public string? WebhookId { get; init; }

    /// <summary>Gets the message type: 0 is a default message and 19 a reply.</summary>
    public int Type { get; init; }
}

/// <summary>A message to create or edit.</summary>
public sealed record MessagePayload
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Gets the mentions that may ping; by default none, so quoted user text never pings anybody.</summary>
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public MessageReference? MessageReference { get; init; }

    /// <summary>Gets message flags; 64 (ephemeral) applies to interaction responses only.</summary>
    public int? Flags { get; init; }
}

/// <summary>Which mentions in a message may notify people.</summary>
public sealed record AllowedMentions
{
    /// <summary>Gets an instance that lets no mention ping: no @everyone, @here, role, user or reply ping.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Gets the mention kinds parsed from content ("roles", "users", "everyone"); empty parses none.</summary>
    public IReadOnlyList<string> Parse { get; init; } = [];

    public IReadOnlyList<string>? Users { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public bool RepliedUser { get; init; }
}

/// <summary>The message a reply refers to.</summary>
public sealed record MessageReference(string MessageId, bool FailIfNotExists = false);

/// <summary>A rich embed.</summary>
public sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public int? Color { get; init; }

    public EmbedFooter? Footer { get; init; }
}

public sealed record EmbedFooter(string Text);

/// <summary>A message component: an action row (type 1) or a button (type 2).</summary>
public sealed record Component
{
    public const int ActionRowType = 1;
    public const int ButtonType = 2;

    public int Type { get; init; }

    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Gets the button style: 1 primary, 2 secondary, 3 success, 4 danger.</summary>
    public int? Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }

    public bool? Disabled { get; init; }
}

/// <summary>A created DM channel.</summary>
public sealed record DiscordChannel(string Id, int Type);

internal sealed record CreateDmRequest(string RecipientId);
