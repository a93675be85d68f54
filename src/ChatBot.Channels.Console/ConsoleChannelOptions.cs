using System.ComponentModel.DataAnnotations;

namespace ChatBot.Channels.Console;

/// <summary>Settings of the console channel; bound from "Console".</summary>
public sealed class ConsoleChannelOptions
{
    public const string SectionName = "Console";

    /// <summary>
    /// Gets or sets whether the console channel runs: true or false, or null (the default) to run it
    /// only when no platform channel (Discord, Telegram) is configured.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Gets or sets the user id of the person at the terminal. Default: "local".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Console:UserId must not be empty.")]
    [StringLength(64, ErrorMessage = "Console:UserId must be at most 64 characters.")]
    public string UserId { get; set; } = "local";

    /// <summary>Gets or sets the locale the person writes in ("en", "zh-CN"). Default: the process's UI culture.</summary>
    public string? Locale { get; set; }
}
