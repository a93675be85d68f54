using System.Diagnostics;
using System.Text;

namespace ChatBot.Operations.Tests;

/// <summary>The built host (ChatBot.dll) run as a child process, the way an operator runs it.</summary>
internal sealed class ChatBotProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly Task _errorReader;

    private ChatBotProcess(Process process)
    {
        _process = process;
        _errorReader = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_errors)
                {
                    _errors.AppendLine(line);
                }
            }
        });
    }

    public int ProcessId => _process.Id;

    public StreamWriter Input => _process.StandardInput;

    public StreamReader Output => _process.StandardOutput;

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts the host with its standard input open for the test to write to.</summary>
    public static ChatBotProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ChatBot.dll"), .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new ChatBotProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs one command to its end and returns its exit code and output.</summary>
    public static async Task<VerbRun> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        process.Input.Close();
        var output = await process.Output.ReadToEndAsync();
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return new VerbRun(exitCode, output, process.Errors);
    }

    /// <summary>Waits for the process to end and for its standard error to be read.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        await _errorReader;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        // A test that failed part-way leaves its bot running; end that process, and only that one.
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
