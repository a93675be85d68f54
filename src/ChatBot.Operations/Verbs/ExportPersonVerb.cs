using System.Text.Json;
using ChatBot.Operations.Control;

namespace ChatBot.Operations.Verbs;

/// <summary>export-person --platform P --user ID [--output FILE] [--force]: writes everything stored about one person as JSON.</summary>
internal sealed class ExportPersonVerb(IServiceProvider services) : OperationVerb(services)
{
    public override string Name => "export-person";

    public override string Summary => "Write everything stored about one person as JSON.";

    public override string Usage => """
        Usage: export-person --platform PLATFORM --user ID [--output FILE] [--force]

        Writes, as JSON, everything the bot stores about the person behind a platform identity: every
        linked identity, ratings (with catalog titles and times), "seen" and "not interested" marks,
        settings and conversation memory. Works while the bot runs.

          --platform PLATFORM   console, telegram or discord
          --user ID             the user id on that platform, exactly as the platform gives it
          --output FILE         write to FILE (mode 0600) instead of standard output
          --force               overwrite FILE when it exists
        """;

    protected override async Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var parsed = VerbArguments.Parse(arguments, ["platform", "user", "output"], ["force"]);
        parsed.AllowPositionals(0);
        var identity = ReadIdentity(parsed);
        var outputPath = parsed.Get("output") is { } output ? Path.GetFullPath(output) : null;
        if (outputPath is not null && File.Exists(outputPath) && !parsed.Has("force"))
        {
            throw new OperationFailedException(OperationFailure.Conflict, $"The file '{outputPath}' already exists. Choose another name, or pass --force to overwrite it.");
        }

        var export = await RunOnBotOrDatabaseAsync(
            bot => bot.ExportPersonAsync(identity, cancellationToken),
            operations => Task.FromResult(operations.ExportPerson(identity)),
            cancellationToken).ConfigureAwait(false);
        if (export is null)
        {
            await Errors.WriteLineAsync($"{Name}: no person with the identity {identity} was found.").ConfigureAwait(false);
            return 1;
        }

        var json = JsonSerializer.Serialize(export, ControlProtocol.JsonOptions);
        if (outputPath is null)
        {
            await Output.WriteLineAsync(json).ConfigureAwait(false);
        }
        else
        {
            await WritePrivateFileAsync(outputPath, json, cancellationToken).ConfigureAwait(false);
            await Errors.WriteLineAsync($"{Name}: wrote {outputPath}.").ConfigureAwait(false);
        }

        var untitled = export.Ratings.Count(r => r.Title is null) + export.Marks.Count(m => m.Title is null);
        if (untitled > 0)
        {
            await Errors.WriteLineAsync($"{Name}: {untitled} ratings and marks have no title because the catalog was not available or does not list their movies; set Catalog:MovieLensPath to include titles.").ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task WritePrivateFileAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // The export contains personal data, so only the owner may read it.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteLineAsync(contents.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
