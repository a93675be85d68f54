using System.Text.Json;
using ChatBot.Catalog.Titles;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Catalog.Tests.Titles;

[Collection(CatalogCollection.Name)]
public sealed class TitlesVerbTests(CatalogFixture fixture)
{
    [Fact]
    public async Task RunAsync_Queries_WritesOneJsonLinePerQuery()
    {
        var (exitCode, output, _) = await RunAsync("the matrix\ndune\n\nzzzzqqq\n");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);

        using var matrix = JsonDocument.Parse(lines[0]);
        Assert.Equal(["query", "status", "candidates"], matrix.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("the matrix", matrix.RootElement.GetProperty("query").GetString());
        Assert.Equal("match", matrix.RootElement.GetProperty("status").GetString());
        var best = matrix.RootElement.GetProperty("candidates")[0];
        Assert.Equal(["movieId", "title", "year", "score"], best.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2571, best.GetProperty("movieId").GetInt32());
        Assert.Equal("The Matrix", best.GetProperty("title").GetString());
        Assert.Equal(1999, best.GetProperty("year").GetInt32());
        Assert.InRange(best.GetProperty("score").GetDouble(), 0.9, 1);

        using var dune = JsonDocument.Parse(lines[1]);
        Assert.Equal("ambiguous", dune.RootElement.GetProperty("status").GetString());
        Assert.Equal([2021, 7842], dune.RootElement.GetProperty("candidates").EnumerateArray().Take(2).Select(c => c.GetProperty("movieId").GetInt32()));

        using var none = JsonDocument.Parse(lines[2]);
        Assert.Equal("none", none.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_CandidatesBestFirst_ScoresDescend()
    {
        var (_, output, _) = await RunAsync("harry potter\n");

        using var document = JsonDocument.Parse(output);
        var scores = document.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal(5, scores.Length);
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task RunAsync_MovieWithoutYear_WritesNullYear()
    {
        var (_, output, _) = await RunAsync("black mirror\n");

        using var document = JsonDocument.Parse(output);
        var best = document.RootElement.GetProperty("candidates")[0];
        Assert.Equal(176601, best.GetProperty("movieId").GetInt32());
        Assert.Equal(JsonValueKind.Null, best.GetProperty("year").ValueKind);
    }

    [Fact]
    public async Task RunAsync_NonAsciiTitle_KeepsCharacters()
    {
        var (_, output, _) = await RunAsync("wall-e\n");

        Assert.Contains("\"title\":\"WALL·E\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_QueryWithQuotes_IsEscaped()
    {
        var (_, output, _) = await RunAsync("\"heat\" \\ 1995\n");

        using var document = JsonDocument.Parse(output);
        Assert.Equal("\"heat\" \\ 1995", document.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task RunAsync_MaxOption_LimitsCandidates()
    {
        var (exitCode, output, _) = await RunAsync("star wars\n", "--max", "2");

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("candidates").GetArrayLength());
    }

    [Theory]
    [InlineData("--max", "0")]
    [InlineData("--max", "many")]
    [InlineData("--max")]
    [InlineData("--verbose")]
    public async Task RunAsync_InvalidArguments_ExitsWithUsageError(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync("the matrix\n", arguments);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("titles: ", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsage()
    {
        var (exitCode, output, _) = await RunAsync(string.Empty, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage: titles", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsWithCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var verb = new TitlesVerb(fixture.Catalog, fixture.Index, new StringReader("the matrix\n"), new StringWriter(), new StringWriter());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => verb.RunAsync([], cancellation.Token));
    }

    [Fact]
    public void Constructor_FromServiceProvider_UsesStandardStreams()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMovieCatalog>(fixture.Catalog);
        services.AddSingleton<ITitleIndex>(fixture.Index);
        services.AddSingleton<ICommandLineVerb, TitlesVerb>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var verb = provider.GetRequiredService<ICommandLineVerb>();

        Assert.IsType<TitlesVerb>(verb);
        Assert.Equal("titles", verb.Name);
    }

    [Fact]
    public void Name_IsTitles()
    {
        var verb = new TitlesVerb(fixture.Catalog, fixture.Index, TextReader.Null, TextWriter.Null, TextWriter.Null);

        Assert.Equal("titles", verb.Name);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string input, params string[] arguments)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter();
        var verb = new TitlesVerb(fixture.Catalog, fixture.Index, new StringReader(input), output, error);

        var exitCode = await verb.RunAsync(arguments, CancellationToken.None);

        return (exitCode, output.ToString(), error.ToString());
    }
}
