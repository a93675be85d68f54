using System.Globalization;

namespace ChatBot.Language.Verbs;

/// <summary>Parses "--name value", "--name=value" and "--flag" arguments of a verb; everything else is positional.</summary>
internal sealed class VerbArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    private VerbArguments()
    {
    }

    public List<string> Positional { get; } = [];

    /// <summary>Parses the arguments.</summary>
    /// <param name="flags">Options that take no value.</param>
    /// <param name="options">Options that take a value.</param>
    /// <exception cref="ArgumentException">An option is unknown or lacks its value.</exception>
    public static VerbArguments Parse(IReadOnlyList<string> arguments, IReadOnlySet<string> flags, IReadOnlySet<string> options)
    {
        var result = new VerbArguments();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument == "--")
            {
                result.Positional.Add(argument);
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[2..equals] : argument[2..];
            if (flags.Contains(name) && equals < 0)
            {
                result._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                string value;
                if (equals > 0)
                {
                    value = argument[(equals + 1)..];
                }
                else if (i + 1 < arguments.Count)
                {
                    value = arguments[++i];
                }
                else
                {
                    throw new ArgumentException($"The option --{name} needs a value.");
                }

                if (!result._values.TryGetValue(name, out var list))
                {
                    result._values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new ArgumentException($"Unknown option '{argument}'. Run the verb with --help for its options.");
            }
        }

        return result;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public int GetInt(string name, int fallback, int min, int max) => (int)GetNumber(name, fallback, min, max, integer: true);

    public double GetDouble(string name, double fallback, double min, double max) => GetNumber(name, fallback, min, max, integer: false);

    private double GetNumber(string name, double fallback, double min, double max, bool integer)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        if (!parsed || value < min || value > max || (integer && value != Math.Floor(value)))
        {
            var kind = integer ? "a whole number" : "a number";
            throw new ArgumentException($"The option --{name} must be {kind} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, but was '{text}'.");
        }

        return value;
    }
}
