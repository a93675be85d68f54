using System.Runtime.InteropServices;
using ChatBot.Catalog;
using ChatBot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Host;

/// <summary>Runs the bot or one verb and turns failures into exit codes: 0 success, 1 the work failed, 2 bad usage or configuration.</summary>
internal static class HostRunner
{
    public static async Task<int> RunBotAsync(IHost host)
    {
        try
        {
            // Settings are checked before the host starts, so a wrong value gets the short message alone rather
            // than the host's own failure log with its stack trace first.
            host.Services.GetService<IStartupValidator>()?.Validate();

            // Before the host starts: its hosted services read the catalog as they are constructed.
            await host.Services.GetRequiredService<CatalogBootstrapper>().EnsureAvailableAsync(progress: null, CancellationToken.None).ConfigureAwait(false);
            await host.RunAsync().ConfigureAwait(false);
            return Environment.ExitCode;
        }
        catch (CatalogNotFoundException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    public static async Task<int> RunVerbAsync(IHost host, string name, IReadOnlyList<string> arguments)
    {
        var verbs = host.Services.GetServices<ICommandLineVerb>().ToList();
        var verb = verbs.FirstOrDefault(v => v.Name == name);
        if (verb is null)
        {
            await Console.Error.WriteLineAsync($"error: unknown command '{name}'. Commands: {string.Join(", ", verbs.Select(v => v.Name).Order())}. Run with --help for details.").ConfigureAwait(false);
            return 2;
        }

        if (arguments.Any(a => a is "--help" or "-h" or "-?"))
        {
            await Console.Out.WriteLineAsync(verb.Usage).ConfigureAwait(false);
            return 0;
        }

        // Verbs do not start the host, so configuration is validated here as the host would at start.
        host.Services.GetService<IStartupValidator>()?.Validate();

        using var cancellation = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context, cancellation));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context, cancellation));
        try
        {
            return await verb.RunAsync(arguments, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{name}: cancelled.").ConfigureAwait(false);
            return 130;
        }
    }

    public static int PrintHelp(IHost host)
    {
        var verbs = host.Services.GetServices<ICommandLineVerb>().OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        Console.WriteLine("""
            ChatBot: a movie-recommendation chat bot for Discord, Telegram and the console.

            Usage:
              ChatBot [--Section:Key=value ...]            run the bot (the console channel when no platform token is set)
              ChatBot COMMAND [options] [--Section:Key=value ...]
              ChatBot COMMAND --help                       show a command's options

            Commands:
            """);
        var width = verbs.Max(verb => verb.Name.Length) + 2;
        foreach (var verb in verbs)
        {
            Console.WriteLine($"  {verb.Name.PadRight(width)}{verb.Summary}");
        }

        Console.WriteLine("""

            Configuration comes from appsettings.json, environment variables (Catalog__MovieLensPath)
            and arguments (--Catalog:MovieLensPath=DIR); README.md lists every key.
            """);
        return 0;
    }

    public static int ReportConfigurationError(OptionsValidationException exception)
    {
        Console.Error.WriteLine("error: the configuration is invalid:");
        foreach (var failure in exception.Failures.Distinct(StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        Console.Error.WriteLine("Fix the values in appsettings.json, the environment (Section__Key) or the arguments (--Section:Key=value), then start again.");
        return 2;
    }

    /// <summary>
    /// Finds, in an exception or the exceptions inside it, the configuration binder's failure to convert a
    /// value to its option's type ("Failed to convert configuration value 'x' at 'Section:Key' ...").
    /// </summary>
    public static InvalidOperationException? FindConversionError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is InvalidOperationException invalid && invalid.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                return invalid;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindConversionError).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }

    /// <summary>Prints a configuration value that could not be converted, with the fix, and returns exit code 2.</summary>
    public static int ReportConversionError(InvalidOperationException exception)
    {
        Console.Error.WriteLine("error: the configuration is invalid:");
        Console.Error.WriteLine($"  - {exception.Message}");
        if (EnumNamed(exception.Message) is { } names)
        {
            Console.Error.WriteLine($"  Accepted values: {string.Join(", ", names)}.");
        }

        Console.Error.WriteLine("The value has the wrong form for its key (a word where a number belongs, or a name the key does not accept); the README's configuration table lists each key with its default.");
        Console.Error.WriteLine("Fix the values in appsettings.json, the environment (Section__Key) or the arguments (--Section:Key=value), then start again.");
        return 2;
    }

    /// <summary>Returns the names of the enum type that a binder message names ("... to type 'Namespace.Kind'."), or null.</summary>
    private static string[]? EnumNamed(string message)
    {
        const string marker = "to type '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + marker.Length);
        if (end < 0)
        {
            return null;
        }

        var typeName = message[(start + marker.Length)..end];
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetType(typeName)).FirstOrDefault(found => found is not null);
        return type switch
        {
            { IsEnum: true } => Enum.GetNames(type),
            _ when type == typeof(bool) => ["true", "false"],
            _ => null,
        };
    }

    private static void Cancel(PosixSignalContext context, CancellationTokenSource cancellation)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
}
