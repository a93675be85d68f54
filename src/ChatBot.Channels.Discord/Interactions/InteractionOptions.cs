using System.Globalization;
using System.Text.Json;
using ChatBot.Channels.Discord.Models;

namespace ChatBot.Channels.Discord.Interactions;

/// <summary>Reads the options of a slash command or autocomplete interaction.</summary>
internal static class InteractionOptions
{
    /// <summary>Returns the options as name-value text pairs in the order the user gave them, subcommand options included.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(IReadOnlyList<InteractionOption>? options)
    {
        var result = new List<KeyValuePair<string, string>>();
        Add(options, result);
        return result;
    }

    /// <summary>Returns the option the user is typing in, for autocomplete, or null.</summary>
    public static InteractionOption? FindFocused(IReadOnlyList<InteractionOption>? options)
    {
        if (options is null)
        {
            return null;
        }

        foreach (var option in options)
        {
            if (option.Focused)
            {
                return option;
            }

            if (FindFocused(option.Options) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>Converts an option value to text: strings as sent, numbers in invariant culture, booleans as true/false.</summary>
    public static string ValueText(JsonElement? value) => value switch
    {
        null => string.Empty,
        { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        { ValueKind: JsonValueKind.Number } element => element.TryGetDecimal(out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : element.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => string.Empty,
    };

    private static void Add(IReadOnlyList<InteractionOption>? options, List<KeyValuePair<string, string>> result)
    {
        if (options is null)
        {
            return;
        }

        foreach (var option in options)
        {
            if (option.Value is not null)
            {
                result.Add(new(option.Name, ValueText(option.Value)));
            }

            Add(option.Options, result);
        }
    }
}
