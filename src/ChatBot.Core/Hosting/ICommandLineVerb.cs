namespace ChatBot.Core.Hosting;

/// <summary>
/// A command-line verb of the host ("titles", "eval", "train"). The host builds its services and
/// configuration as usual, then runs the verb named by the first argument instead of the channels.
/// Arguments of the form --Section:Key=value are configuration and never reach the verb.
/// </summary>
public interface ICommandLineVerb
{
    /// <summary>Gets the verb as typed, in lower case.</summary>
    string Name { get; }

    /// <summary>Gets one line for the host's help.</summary>
    string Summary { get; }

    /// <summary>Gets the usage text shown by "VERB --help".</summary>
    string Usage { get; }

    /// <summary>Runs the verb and returns the process exit code; writes results to standard output and progress to standard error.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
