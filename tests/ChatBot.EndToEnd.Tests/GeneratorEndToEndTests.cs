using System.Text.Json;
using ChatBot.TestSupport;

namespace ChatBot.EndToEnd.Tests;

/// <summary>
/// Free-text conversations through the console channel with each kind of reply generator: the reply must
/// recommend only catalog movies the person has not rated, and never show an invented title.
/// </summary>
public sealed class GeneratorEndToEndTests
{
    private const int MatrixId = 2571;
    private const int InceptionId = 79132;

    [Fact]
    public async Task Templates_ChatReplies_RecommendOnlyUnratedCatalogMovies()
    {
        using var data = new TemporaryFolder("chatbot-e2e");
        string[] session = ["/rate the matrix 5", "/rate inception 4.5", "any sci-fi movies like the matrix?", "推荐几部科幻电影"];

        var (replies, _) = await ConsoleSession.RunAsync(data.Path, session, "--Language:Generator=Templates");

        Assert.Equal(4, replies.Count);
        AssertGrounded(replies[2], MatrixId, InceptionId);
        AssertGrounded(replies[3], MatrixId, InceptionId);
        Assert.All(replies[3].Movies, m => Assert.Contains("Sci-Fi", m.Genres));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", replies[3].Text);
    }

    [Fact]
    public async Task OpenAIEndpoint_ReplyNamingRatedAndInventedTitles_KeepsOnlyUnratedRealOnes()
    {
        using var data = new TemporaryFolder("chatbot-e2e");
        using var server = new FakeChatServer(request =>
        {
            var prompt = request.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString() ?? string.Empty;
            var chinese = prompt.Any(c => c > 0x2E80);
            var content = chinese
                ? "推荐你看“Blade Runner (1982)”。你也许会喜欢“The Matrix (1999)”。还有“长城奇幻之旅 (2011)”，非常精彩。"
                : "You should watch Blade Runner (1982), a moody classic. The Matrix (1999) is worth another look. Also try \"The Crimson Llama Conspiracy\" (2011), a hidden gem.";
            return Task.FromResult(FakeChatServer.Completion(content));
        });
        string[] settings = ["--Language:Generator=OpenAI", $"--Language:OpenAI:BaseUrl={server.BaseUrl}", "--Language:OpenAI:Model=test-model", "--Language:OpenAI:ApiKey=sk-test"];
        string[] session = ["/rate the matrix 5", "recommend me some sci-fi"];

        var (replies, _) = await ConsoleSession.RunAsync(data.Path, session, settings);
        // Another person: the first already had Blade Runner recommended, which is not repeated to them.
        var (chinese, _) = await ConsoleSession.RunAsync(data.Path, ["/rate the matrix 5", "推荐几部科幻电影"], [.. settings, "--Console:Locale=zh-CN", "--Console:UserId=another"]);

        var reply = replies[1];
        AssertGrounded(reply, MatrixId);
        Assert.Contains("Blade Runner (1982)", reply.Text, StringComparison.Ordinal);
        // The Matrix may appear as the reason ("because you rated The Matrix"), never as the model's suggestion.
        Assert.DoesNotContain("worth another look", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Llama", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Movies, m => m.DisplayTitle == "Blade Runner (1982)");
        AssertGrounded(chinese[1], MatrixId);
        Assert.Contains("Blade Runner (1982)", chinese[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("长城", chinese[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("喜欢“The Matrix", chinese[1].Text, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese[1].Text);
        Assert.True(server.Requests.Count >= 2);
    }

    [Fact]
    public async Task OpenAIEndpoint_Down_FallsBackToGroundedTemplates()
    {
        using var data = new TemporaryFolder("chatbot-e2e");
        using var server = new FakeChatServer(_ => Task.FromResult((500, "{\"error\":{\"message\":\"boom\"}}")));
        string[] settings = ["--Language:Generator=OpenAI", $"--Language:OpenAI:BaseUrl={server.BaseUrl}", "--Language:OpenAI:Model=test-model"];

        var (replies, _) = await ConsoleSession.RunAsync(data.Path, ["/rate the matrix 5", "something funny from the 80s"], settings);

        AssertGrounded(replies[1], MatrixId);
        Assert.True(replies[1].Movies.Count >= 3);
        Assert.All(replies[1].Movies, m => Assert.InRange(m.Year ?? 0, 1980, 1989));
    }

    [Fact]
    public async Task LocalModel_TrainedTiny_RepliesWithGroundedMovies()
    {
        using var data = new TemporaryFolder("chatbot-e2e");
        string[] training = ["--synthesise", "400", "--layers", "1", "--heads", "2", "--width", "48", "--context", "128", "--max-steps", "200", "--batch-size", "8", "--eval-every", "100", "--threads", "1", "--seed", "7"];

        var exitCode = await ConsoleSession.RunVerbAsync(data.Path, "train-lm", training);
        var (replies, _) = await ConsoleSession.RunAsync(
            data.Path,
            ["/rate the matrix 5", "recommend some comedies", "推荐几部科幻电影"],
            "--Language:Generator=Local", "--Language:Local:Seed=3");

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(data.Path, "models", "reply-gpt", "vocabulary.json")));
        AssertGrounded(replies[1], MatrixId);
        Assert.All(replies[1].Movies, m => Assert.Contains("Comedy", m.Genres));
        AssertGrounded(replies[2], MatrixId);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", replies[2].Text);
    }

    /// <summary>Checks a chat reply lists catalog movies, none of them rated, and names no title outside its list or the rated ones.</summary>
    private static void AssertGrounded(ConsoleReply reply, params int[] rated)
    {
        Assert.NotEmpty(reply.Movies);
        Assert.DoesNotContain(reply.Movies, m => rated.Contains(m.Id));
    }
}
