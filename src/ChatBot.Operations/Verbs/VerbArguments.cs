namespace ChatBot.Operations.Verbs;

/// <summary>Raised for arguments a verb does not accept, with a message that names the wrong argument.</summary>
internal sealed class VerbUsageException(string message) : Exception(message);

/// <summary>A verb's arguments split into positionals, options with a value ("--user 42", "--user=42") and flags ("--yes").</summary>
internal sealed class VerbArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public IReadOnlyList<string> Positionals => _positionals;

    /// <exception cref="VerbUsageException">An option is unknown, repeated or lacks its value.</exception>
    public static VerbArguments Parse(IReadOnlyList<string> arguments, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parsed = new VerbArguments();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                parsed._positionals.Add(argument);
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? argument[2..equals] : argument[2..];
            if (flags.Contains(name) && equals < 0)
            {
                parsed._flags.Add(name);
                continue;
            }

            if (!valueOptions.Contains(name))
            {
                throw new VerbUsageException($"Unknown option '--{name}'.");
            }

            string value;
            if (equals >= 0)
            {
                value = argument[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count)
            {
                value = arguments[++i];
            }
            else
            {
                throw new VerbUsageException($"The option '--{name}' needs a value.");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw new VerbUsageException($"The option '--{name}' needs a value.");
            }

            if (!parsed._values.TryAdd(name, value))
            {
                throw new VerbUsageException($"The option '--{name}' is given twice.");
            }
        }

        return parsed;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <exception cref="VerbUsageException">The option is missing.</exception>
    public string Require(string name) =>
        _values.GetValueOrDefault(name) ?? throw new VerbUsageException($"The option '--{name}' is required.");

    public bool Has(string flag) => _flags.Contains(flag);

    /// <exception cref="VerbUsageException">More positional arguments than <paramref name="max"/>.</exception>
    public void AllowPositionals(int max)
    {
        if (_positionals.Count > max)
        {
            throw new VerbUsageException($"Unexpected argument '{_positionals[max]}'.");
        }
    }
}
