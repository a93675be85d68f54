namespace ChatBot.Operations;

/// <summary>Settings of the operations commands and the control socket; bound from "Operations".</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>The control socket's file name inside the data folder.</summary>
    public const string ControlSocketFileName = "control.sock";

    /// <summary>
    /// Gets or sets whether the running bot listens on a Unix domain socket in the data folder
    /// (Data:Directory/control.sock, mode 0600), through which the operations commands reach it. Default: true.
    /// With it off, commands that need the database fail while the bot runs.
    /// </summary>
    public bool ControlSocket { get; set; } = true;
}
