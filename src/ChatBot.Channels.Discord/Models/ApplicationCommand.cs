namespace ChatBot.Channels.Discord.Models;

/// <summary>A slash command definition, as sent to the bulk overwrite endpoint.</summary>
public sealed record ApplicationCommand
{
    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public string Description { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    /// <summary>Gets the command type; 1 is a slash command.</summary>
    public int Type { get; init; } = 1;

    public IReadOnlyList<CommandOption>? Options { get; init; }

    /// <summary>Gets where the command can be used: 0 guilds, 1 the bot's DMs.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }

    /// <summary>Gets the installation types: 0 guild install.</summary>
    public IReadOnlyList<int>? IntegrationTypes { get; init; }
}

/// <summary>Command option types used by the bot's commands.</summary>
public static class CommandOptionType
{
    public const int String = 3;
    public const int Integer = 4;
    public const int Number = 10;
}

/// <summary>A slash command option.</summary>
public sealed record CommandOption
{
    public int Type { get; init; }

    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public string Description { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    public bool? Required { get; init; }

    public bool? Autocomplete { get; init; }

    public IReadOnlyList<CommandChoice>? Choices { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Gets the smallest value allowed for an integer or number option.</summary>
    public double? MinValue { get; init; }
}

/// <summary>An option choice; <see cref="Value"/> is a string or a number.</summary>
public sealed record CommandChoice
{
    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public object Value { get; init; } = string.Empty;
}
