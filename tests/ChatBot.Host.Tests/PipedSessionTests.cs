using ChatBot.TestSupport;

namespace ChatBot.Host.Tests;

public sealed class PipedSessionTests
{
    [Fact]
    public async Task PipedSession_RatesListsRecommendsAndRemembers()
    {
        using var data = new TemporaryFolder("chatbot-host");
        string[] settings = [$"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={data.Path}"];
        const string session = """
            /rate the matrix 5
            /rate toy story 4.5
            /rate pulp fiction 2
            /ratings
            /recommend
            /recommend comedy
            /rate dune 4
            /rate zzzzqqq 3
            /rate the matrix 7

            """;

        var (exitCode, output, errors) = await HostProcess.RunAsync(session, settings);
        var replies = output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(9, replies.Length);
        Assert.Contains("The Matrix (1999) ★★★★★ 5", replies[0], StringComparison.Ordinal);
        Assert.Contains("Toy Story (1995) ★★★★½ 4.5", replies[1], StringComparison.Ordinal);
        Assert.Contains("Pulp Fiction (1994) ★★ 2", replies[2], StringComparison.Ordinal);
        Assert.Contains("The Matrix (1999)  ★★★★★ 5", replies[3], StringComparison.Ordinal);
        Assert.Contains("Pulp Fiction (1994)  ★★ 2", replies[3], StringComparison.Ordinal);
        Assert.Equal(10, CountNumberedLines(replies[4]));
        Assert.DoesNotContain("The Matrix (1999)", replies[4], StringComparison.Ordinal);
        Assert.DoesNotContain("Toy Story (1995)", replies[4], StringComparison.Ordinal);
        Assert.DoesNotContain("Pulp Fiction (1994)", replies[4], StringComparison.Ordinal);
        Assert.Equal(10, CountNumberedLines(replies[5]));
        Assert.Equal(10, replies[5].Split('\n').Count(l => l.Contains("Comedy", StringComparison.Ordinal) && l.TrimStart().Length > 2 && char.IsDigit(l.TrimStart()[0])));
        Assert.Contains("Dune (1984)", replies[6], StringComparison.Ordinal);
        Assert.Contains("Dune (2000)", replies[6], StringComparison.Ordinal);
        Assert.Contains("zzzzqqq", replies[7], StringComparison.Ordinal);
        Assert.Contains("not a valid rating", replies[8], StringComparison.Ordinal);

        var (secondExit, secondOutput, _) = await HostProcess.RunAsync("/ratings\n", settings);

        Assert.Equal(0, secondExit);
        Assert.Contains("3 in all", secondOutput, StringComparison.Ordinal);
        Assert.Contains("The Matrix (1999)", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSetting_StopsWithMessageNamingTheKey()
    {
        using var data = new TemporaryFolder("chatbot-host");

        var (exitCode, output, errors) = await HostProcess.RunAsync(
            "/help\n", $"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={data.Path}", "--Conversation:MaxMessageLength=5");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("Conversation:MaxMessageLength", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Conversation:MaxMessageLength=abc", "Conversation:MaxMessageLength", "wrong form")]
    [InlineData("--Language:Generator=Foo", "Language:Generator", "Accepted values: Auto, Local, OpenAI, Templates.")]
    [InlineData("--Data:SyncRatingWrites=maybe", "Data:SyncRatingWrites", "Accepted values: true, false.")]
    public async Task UnparsableSetting_StopsWithMessageNamingTheKey(string setting, string key, string hint)
    {
        using var data = new TemporaryFolder("chatbot-host");

        var (exitCode, output, errors) = await HostProcess.RunAsync(
            "/help\n", $"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={data.Path}", setting);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains($"error: the configuration is invalid:", errors, StringComparison.Ordinal);
        Assert.Contains(key, errors, StringComparison.Ordinal);
        Assert.Contains(hint, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherCatalog_ExistingRatings_StopsAndKeepsThem()
    {
        using var data = new TemporaryFolder("chatbot-host");
        string[] small = [$"--Catalog:MovieLensPath={TestData.MovieLensSmall}", $"--Data:Directory={data.Path}"];

        var rated = await HostProcess.RunAsync("/rate heat 5\n", small);
        var other = await HostProcess.RunAsync("/ratings\n", $"--Catalog:MovieLensPath={TestData.MovieLens100k}", $"--Data:Directory={data.Path}");
        var back = await HostProcess.RunAsync("/ratings\n", small);

        Assert.Equal(0, rated.ExitCode);
        Assert.Equal(2, other.ExitCode);
        Assert.Empty(other.Output);
        Assert.Contains("made with another MovieLens catalog", other.Errors, StringComparison.Ordinal);
        Assert.Contains("Catalog:MovieLensPath", other.Errors, StringComparison.Ordinal);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("Heat (1995)", back.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCatalogFolder_StopsWithHowToFixIt()
    {
        using var data = new TemporaryFolder("chatbot-host");

        var (exitCode, _, errors) = await HostProcess.RunAsync(
            "/help\n", $"--Catalog:MovieLensPath={data.Combine("nowhere")}", $"--Data:Directory={data.Path}");

        Assert.Equal(2, exitCode);
        Assert.Contains("Catalog:MovieLensPath", errors, StringComparison.Ordinal);
        Assert.Contains("does not exist", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsVerbs()
    {
        var (exitCode, output, _) = await HostProcess.RunAsync(string.Empty, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("download", output, StringComparison.Ordinal);
    }

    private static int CountNumberedLines(string reply) =>
        reply.Split('\n').Count(line => line.Length > 3 && char.IsDigit(line.TrimStart()[0]) && line.TrimStart().Contains(". ", StringComparison.Ordinal));
}
