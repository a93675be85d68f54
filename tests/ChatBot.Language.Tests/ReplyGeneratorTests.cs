using System.Text.Json;
using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Language.Configuration;
using ChatBot.Language.Generators;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Language.Tests;

public sealed class ReplyGeneratorTests
{
    private static readonly ReplyGenerationRequest Request = new()
    {
        UserMessage = "Any good 90s thrillers?",
        History =
        [
            new ConversationTurn(TurnSpeaker.Person, "hi", DateTimeOffset.UnixEpoch, []),
            new ConversationTurn(TurnSpeaker.Bot, "Hello! What are you in the mood for?", DateTimeOffset.UnixEpoch, []),
        ],
        Liked = [new RatedTitle(6, "Heat (1995)", 5)],
        Disliked = [new RatedTitle(7, "Speed 2: Cruise Control (1997)", 1)],
        Candidates =
        [
            new CandidateTitle(47, "Se7en (1995)", ["Mystery", "Thriller"], "because you rated Heat (1995) ★5"),
            new CandidateTitle(50, "The Usual Suspects (1995)", ["Crime", "Mystery", "Thriller"], null),
            new CandidateTitle(593, "The Silence of the Lambs (1991)", ["Crime", "Horror", "Thriller"], null),
        ],
        RequestedCount = 2,
        RequestSummary = "thrillers from the 1990s",
    };

    [Fact]
    public async Task OpenAI_ChatEndpoint_SendsSystemHistoryAndUserMessages()
    {
        using var server = new FakeChatServer(_ => Task.FromResult(FakeChatServer.Completion("Try Se7en (1995) and The Usual Suspects (1995).")));
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "test-model", ApiKey = "sk-test-secret" };
        using var generator = new OpenAIReplyGenerator(OpenAIReplyGenerator.CreateClient(options), new ChatPromptFormatter(GptTokenizer.Instance), options);

        var reply = await generator.GenerateAsync(Request, CancellationToken.None);

        Assert.Equal("Try Se7en (1995) and The Usual Suspects (1995).", reply.Text);
        Assert.Equal("openai", reply.GeneratorName);
        var (path, authorization, body) = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer sk-test-secret", authorization);
        Assert.Equal("test-model", body.RootElement.GetProperty("model").GetString());
        var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.Contains("Recommend 2 movies", system, StringComparison.Ordinal);
        Assert.Contains("\"Title (Year)\"", system, StringComparison.Ordinal);
        Assert.Contains("- Se7en (1995) | Mystery, Thriller | because you rated Heat (1995) ★5", system, StringComparison.Ordinal);
        Assert.Contains("Speed 2: Cruise Control (1997) ★1", system, StringComparison.Ordinal);
        Assert.Equal("Any good 90s thrillers?", messages[3].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Fallback_PrimaryTimesOut_UsesTemplatesAndLogsWhy()
    {
        var release = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new FakeChatServer(_ => release.Task);
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "slow-model", TimeoutSeconds = 600 };
        using var openAI = new OpenAIReplyGenerator(OpenAIReplyGenerator.CreateClient(options), new ChatPromptFormatter(GptTokenizer.Instance), options);
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<FallbackReplyGenerator>();
        var generator = new FallbackReplyGenerator(openAI, new TemplateReplyGenerator(), TimeSpan.FromSeconds(5), time, logger);

        var pending = generator.GenerateAsync(Request, CancellationToken.None);
        await server.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var reply = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        release.SetResult(FakeChatServer.Completion("too late"));

        Assert.Equal("templates", reply.GeneratorName);
        Assert.Contains("Se7en (1995)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("The Usual Suspects (1995)", reply.Text, StringComparison.Ordinal);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("timed out after 5 s", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fallback_PrimaryFails_UsesTemplatesWithoutLeakingTheKey()
    {
        using var server = new FakeChatServer(_ => Task.FromResult((400, """{"error":{"message":"model not found","type":"invalid_request_error"}}""")));
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "missing-model", ApiKey = "sk-never-logged" };
        using var openAI = new OpenAIReplyGenerator(OpenAIReplyGenerator.CreateClient(options), new ChatPromptFormatter(GptTokenizer.Instance), options);
        var logger = new RecordingLogger<FallbackReplyGenerator>();
        var generator = new FallbackReplyGenerator(openAI, new TemplateReplyGenerator(), TimeSpan.FromSeconds(30), TimeProvider.System, logger);

        var reply = await generator.GenerateAsync(Request, CancellationToken.None);

        Assert.Equal("templates", reply.GeneratorName);
        var entry = Assert.Single(logger.Entries);
        Assert.Contains("failed", entry.Message, StringComparison.Ordinal);
        Assert.NotNull(entry.Exception);
        Assert.DoesNotContain("sk-never-logged", entry.Message + entry.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fallback_CallerCancels_ThrowsInsteadOfFallingBack()
    {
        var release = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new FakeChatServer(_ => release.Task);
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "slow-model" };
        using var openAI = new OpenAIReplyGenerator(OpenAIReplyGenerator.CreateClient(options), new ChatPromptFormatter(GptTokenizer.Instance), options);
        var generator = new FallbackReplyGenerator(openAI, new TemplateReplyGenerator(), TimeSpan.FromMinutes(5), TimeProvider.System, NullLogger<FallbackReplyGenerator>.Instance);
        using var cancellation = new CancellationTokenSource();

        var pending = generator.GenerateAsync(Request, cancellation.Token);
        await server.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        release.SetResult(FakeChatServer.Completion("late"));
    }

    [Theory]
    [InlineData("en", "Se7en (1995)", "The Usual Suspects (1995)")]
    [InlineData("zh", "Se7en (1995)", "The Usual Suspects (1995)")]
    public async Task Templates_NameRequestedCandidatesOnly(string language, string first, string second)
    {
        var generator = new TemplateReplyGenerator();

        var reply = await generator.GenerateAsync(Request with { Language = language }, CancellationToken.None);
        var again = await generator.GenerateAsync(Request with { Language = language }, CancellationToken.None);

        Assert.Contains(first, reply.Text, StringComparison.Ordinal);
        Assert.Contains(second, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("The Silence of the Lambs", reply.Text, StringComparison.Ordinal);
        Assert.Equal(reply.Text, again.Text);
        Assert.Equal(language == "zh", reply.Text.Any(c => c >= 0x4E00 && c <= 0x9FFF));
    }

    [Fact]
    public async Task Templates_NoCandidates_AskForMoreWithoutNamingMovies()
    {
        var reply = await new TemplateReplyGenerator().GenerateAsync(Request with { Candidates = [] }, CancellationToken.None);

        Assert.DoesNotMatch(@"\(\d{4}\)", reply.Text);
        Assert.NotEmpty(reply.Text);
    }

    [Fact]
    public void ChatPrompt_SmallBudget_DropsOldestTurnsFirst()
    {
        var turns = Enumerable.Range(1, 10)
            .Select(i => new ConversationTurn(i % 2 == 1 ? TurnSpeaker.Person : TurnSpeaker.Bot, $"turn number {i} " + string.Join(" ", Enumerable.Repeat("movie", 60)), DateTimeOffset.UnixEpoch, []))
            .ToList();
        var formatter = new ChatPromptFormatter(GptTokenizer.Instance);

        var messages = formatter.Format(Request with { History = turns }, maxPromptTokens: 700);

        var history = messages.Skip(1).SkipLast(1).Select(m => m.Text).ToList();
        Assert.InRange(history.Count, 1, 9);
        Assert.StartsWith("turn number 10 ", history[^1], StringComparison.Ordinal);
        Assert.StartsWith($"turn number {11 - history.Count} ", history[0], StringComparison.Ordinal);
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
