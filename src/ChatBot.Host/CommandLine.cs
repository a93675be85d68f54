namespace ChatBot.Host;

/// <summary>The host's arguments split into a verb, the verb's own arguments and configuration overrides.</summary>
/// <param name="Verb">The verb (first argument that is not an option), or null to run the bot.</param>
/// <param name="VerbArguments">Arguments for the verb ("--json FILE").</param>
/// <param name="ConfigurationArguments">Arguments of the form --Section:Key=value or --Section:Key value.</param>
/// <param name="WantsHelp">Whether --help, -h or "help" asked for the host's help.</param>
public sealed record CommandLine(string? Verb, IReadOnlyList<string> VerbArguments, IReadOnlyList<string> ConfigurationArguments, bool WantsHelp)
{
    /// <summary>
    /// Splits arguments. A configuration key always contains ':' ("--Catalog:MovieLensPath=DIR"), which
    /// is how it is told apart from a verb's own options ("--json FILE", "--force").
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? verb = null;
        var verbArguments = new List<string>();
        var configuration = new List<string>();
        var wantsHelp = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (IsConfigurationKey(argument))
            {
                configuration.Add(argument);
                if (!argument.Contains('=', StringComparison.Ordinal) && i + 1 < arguments.Count)
                {
                    configuration.Add(arguments[++i]);
                }

                continue;
            }

            if (verb is null && !argument.StartsWith('-'))
            {
                if (argument == "help")
                {
                    wantsHelp = true;
                    continue;
                }

                verb = argument.ToLowerInvariant();
                continue;
            }

            if (verb is null && argument is "--help" or "-h" or "-?")
            {
                wantsHelp = true;
                continue;
            }

            verbArguments.Add(argument);
        }

        return new CommandLine(verb, verbArguments, configuration, wantsHelp);
    }

    private static bool IsConfigurationKey(string argument)
    {
        if (!argument.StartsWith("--", StringComparison.Ordinal) && !argument.StartsWith('/'))
        {
            return false;
        }

        var name = argument.TrimStart('-', '/');
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        var key = equals >= 0 ? name[..equals] : name;
        return key.Contains(':', StringComparison.Ordinal) || key.Contains("__", StringComparison.Ordinal);
    }
}
