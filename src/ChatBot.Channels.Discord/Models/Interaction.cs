using System.Text.Json;

namespace ChatBot.Channels.Discord.Models;

/// <summary>Interaction types, as Discord numbers them.</summary>
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>A received interaction: a slash command, a pressed button or an autocomplete request.</summary>
public sealed record Interaction
{
    public string Id { get; init; } = string.Empty;

    public string ApplicationId { get; init; } = string.Empty;

    public InteractionType Type { get; init; }

    public InteractionData? Data { get; init; }

    public string? GuildId { get; init; }

    public string? ChannelId { get; init; }

    public PartialChannel? Channel { get; init; }

    /// <summary>Gets the invoking member, present in guilds.</summary>
    public DiscordMember? Member { get; init; }

    /// <summary>Gets the invoking user, present in direct messages.</summary>
    public DiscordUser? User { get; init; }

    /// <summary>Gets the continuation token, valid for 15 minutes; a secret of this interaction.</summary>
    public string Token { get; init; } = string.Empty;

    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }

    /// <summary>Gets the invoking user from <see cref="Member"/> or <see cref="User"/>.</summary>
    public DiscordUser? Invoker => Member?.User ?? User;

    /// <summary>Gets the channel id from <see cref="ChannelId"/> or <see cref="Channel"/>.</summary>
    public string? SourceChannelId => ChannelId ?? Channel?.Id;
}

public sealed record PartialChannel(string Id);

/// <summary>The data of a command, autocomplete or component interaction.</summary>
public sealed record InteractionData
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<InteractionOption>? Options { get; init; }

    public string? CustomId { get; init; }

    public int? ComponentType { get; init; }
}

/// <summary>A submitted command option; <see cref="Value"/> is a string, number or boolean.</summary>
public sealed record InteractionOption
{
    public string Name { get; init; } = string.Empty;

    public int Type { get; init; }

    public JsonElement? Value { get; init; }

    public IReadOnlyList<InteractionOption>? Options { get; init; }

    public bool Focused { get; init; }
}

/// <summary>Interaction callback types.</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
}

/// <summary>The body of POST /interactions/{id}/{token}/callback.</summary>
public sealed record InteractionResponse(InteractionCallbackType Type, object? Data = null);

/// <summary>The data of an autocomplete result.</summary>
public sealed record AutocompleteData(IReadOnlyList<CommandChoice> Choices);

/// <summary>The data of a deferred response: only the ephemeral flag is allowed.</summary>
public sealed record DeferredData(int Flags);

/// <summary>Message flags used by the adapter.</summary>
public static class MessageFlags
{
    /// <summary>Only the invoking user sees the message.</summary>
    public const int Ephemeral = 64;
}
