using ChatBot.Language.Checkpoints;
using ChatBot.Language.Configuration;
using ChatBot.Language.Verbs;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Language.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class VerbTests
{
    public VerbTests() => TorchThreads.UseOne();

    [Fact]
    public async Task TrainLm_DialogueFile_WritesModelAndSummary()
    {
        using var folder = new TemporaryFolder("chatbot-verb");
        var dialogues = folder.Combine("dialogues.json");
        File.WriteAllText(dialogues, """
            [{"user_id": 1, "message": "What are some good action movies?", "response": "I recommend watching \"Heat\" and \"Ronin\"."},
             {"user_id": 2, "message": "Any comedies?", "response": "Try \"Airplane!\"."}]
            """);
        var output = folder.Combine("model");
        var verb = new TrainLanguageModelVerb(new EmptyServices(), new ConfigurationBuilder().Build(), Options.Create(new LanguageOptions()), NullLogger<TrainLanguageModelVerb>.Instance);

        var (exitCode, standardOutput, _) = await ConsoleCapture.RunAsync(() => verb.RunAsync(
            ["--dialogues", dialogues, "--output", output, "--max-steps", "3", "--epochs", "5", "--width", "32", "--layers", "1", "--heads", "2", "--context", "64", "--batch-size", "2"],
            CancellationToken.None));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("steps=3 stop=\"max steps\"", standardOutput, StringComparison.Ordinal);
        Assert.Single(standardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(GptModelFiles.Exists(output));
        Assert.True(GptModelFiles.Exists(Path.Combine(output, "checkpoint")));
    }

    [Fact]
    public async Task TrainLm_MissingCorpusFile_FailsWithMessage()
    {
        using var folder = new TemporaryFolder("chatbot-verb");
        var verb = new TrainLanguageModelVerb(new EmptyServices(), new ConfigurationBuilder().Build(), Options.Create(new LanguageOptions()), NullLogger<TrainLanguageModelVerb>.Instance);

        var (exitCode, _, standardError) = await ConsoleCapture.RunAsync(() => verb.RunAsync(
            ["--redial", folder.Combine("missing.jsonl"), "--output", folder.Combine("model")], CancellationToken.None));

        Assert.Equal(2, exitCode);
        Assert.Contains("missing.jsonl' does not exist", standardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainLm_SynthesiseWithoutCatalog_ExplainsTheFix()
    {
        using var folder = new TemporaryFolder("chatbot-verb");
        var verb = new TrainLanguageModelVerb(new EmptyServices(), new ConfigurationBuilder().Build(), Options.Create(new LanguageOptions()), NullLogger<TrainLanguageModelVerb>.Instance);

        var (exitCode, _, standardError) = await ConsoleCapture.RunAsync(() => verb.RunAsync(["--output", folder.Combine("model")], CancellationToken.None));

        Assert.Equal(2, exitCode);
        Assert.Contains("Catalog:MovieLensPath", standardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_TrainedModel_PrintsRelexicalisedReply()
    {
        using var folder = new TemporaryFolder("chatbot-verb");
        using (var model = TinyModels.Create(TinyModels.Dialogues))
        {
            GptModelFiles.Save(model, folder.Path);
        }

        var verb = new GenerateVerb(new ConfigurationBuilder().Build(), Options.Create(new LanguageOptions()));

        var (exitCode, standardOutput, standardError) = await ConsoleCapture.RunAsync(() => verb.RunAsync(
            ["--model", folder.Path, "--candidates", "Heat (1995); Ronin (1998)", "--seed", "3", "--max-new-tokens", "12", "hello"], CancellationToken.None));

        Assert.Equal(0, exitCode);
        Assert.DoesNotMatch(@"\[\d\]", standardOutput);
        Assert.Contains("tokens/s", standardError, StringComparison.Ordinal);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

internal static class ConsoleCapture
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Func<Task<int>> action)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await action();
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
