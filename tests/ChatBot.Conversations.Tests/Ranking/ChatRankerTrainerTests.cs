using ChatBot.Conversations.Evaluation;
using ChatBot.Conversations.Ranking;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Conversations.Tests.Ranking;

/// <summary>Training and evaluating the conversation ranker on real ReDial dialogues, a few at a time to stay fast.</summary>
public sealed class ChatRankerTrainerTests
{
    private static readonly Dictionary<string, string?> QuickTraining = new()
    {
        ["ChatRanker:Steps"] = "60",
        ["ChatRanker:RandomNegatives"] = "100",
        ["ChatRanker:HardNegatives"] = "50",
    };

    [Fact]
    public void Train_Redial_ReportsHeldOutRecall()
    {
        using var harness = new ConversationHarness(QuickTraining);
        var trainer = harness.Services.GetRequiredService<ChatRankerTrainer>();
        var dialogues = ReadDialogues("train_data_sample500.jsonl", 60);

        var result = trainer.Train(dialogues, progress: null, CancellationToken.None);

        Assert.Equal(60, result.Dialogues);
        Assert.Equal(12, result.HeldOutDialogues);
        Assert.True(result.TrainingTurns > 100, $"{result.TrainingTurns} training turns.");
        Assert.NotNull(result.HeldOutTrained);
        Assert.True(result.HeldOutTrained.Turns > 0);
        Assert.All(result.Model.Weights, w => Assert.True(float.IsFinite(w)));
        Assert.Equal(60, result.Model.Dialogues.Dialogues);
        Assert.True(result.Model.Dialogues.Suggestions.Values.Sum() >= result.TrainingTurns);
        Assert.NotEmpty(result.Model.Dialogues.Followers);
    }

    [Fact]
    public void Train_Redial_RanksSuggestionsHigher()
    {
        using var harness = new ConversationHarness(QuickTraining);
        var trainer = harness.Services.GetRequiredService<ChatRankerTrainer>();
        var turns = harness.Services.GetRequiredService<RedialTurns>();
        var dialogues = ReadDialogues("train_data_sample500.jsonl", 60);
        var walked = turns.Walk(dialogues, turns.MapMovies(dialogues), 50).Where(t => t.Dedup).ToList();

        var model = trainer.Train(dialogues, progress: null, CancellationToken.None).Model;
        var trained = trainer.Measure(walked, model.Weights, model.Dialogues);
        var untrained = trainer.Measure(walked, new float[model.Weights.Length], DialogueStatistics.Empty);

        // On its own training dialogues the fitted model must beat an all-zero one by a wide margin.
        Assert.True(trained.RecallAt50 > untrained.RecallAt50 + 0.1, $"trained R@50 {trained.RecallAt50:0.000}, untrained {untrained.RecallAt50:0.000}.");
    }

    [Fact]
    public async Task TrainVerb_RedialFile_WritesLoadableModel()
    {
        using var harness = new ConversationHarness(QuickTraining);
        using var folder = new TemporaryFolder("chat-ranker-verb");
        var file = Path.Combine(folder.Path, "dialogues.jsonl");
        File.WriteAllLines(file, File.ReadLines(Path.Combine(TestData.Redial, "train_data_sample500.jsonl")).Take(30).Append("not json"));
        var verb = harness.Services.GetServices<Core.Hosting.ICommandLineVerb>().Single(v => v.Name == "train-chat-ranker");
        var ranker = harness.Services.GetRequiredService<ChatRanker>();

        var exitCode = await verb.RunAsync(["--redial", file], CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(ranker.ModelPath));
        Assert.Equal(30, ranker.Model.Dialogues.Dialogues);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--redial")]
    [InlineData("--redial /nonexistent/dialogues.jsonl")]
    [InlineData("/nonexistent/dialogues.jsonl")]
    public async Task TrainVerb_BadArguments_ReturnsUsageError(string commandLine)
    {
        var arguments = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var harness = new ConversationHarness();
        var verb = harness.Services.GetServices<Core.Hosting.ICommandLineVerb>().Single(v => v.Name == "train-chat-ranker");

        var exitCode = await verb.RunAsync(arguments, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.False(File.Exists(harness.Services.GetRequiredService<ChatRanker>().ModelPath));
    }

    [Fact]
    public void Evaluate_ValidSample_MapsMoviesAndScoresTurns()
    {
        using var harness = new ConversationHarness();
        var evaluator = harness.Services.GetRequiredService<RedialEvaluator>();
        var dialogues = ReadDialogues("valid_data_sample100.jsonl", 25);

        var result = evaluator.Evaluate("valid.jsonl", dialogues);

        Assert.Equal(25, result.Conversations);
        Assert.True(result.All.Turns >= result.Dedup.Turns);
        Assert.True(result.Dedup.Turns > 50, $"{result.Dedup.Turns} dedup turns.");
        Assert.InRange(result.MappedMovieShare, 0.7, 1.0);
        Assert.InRange(result.MappedTargetShare, 0.7, 1.0);
        Assert.True(result.Dedup.RecallAt50 >= result.Dedup.RecallAt10);
        Assert.True(result.Dedup.RecallAt50 > 0, "No suggested movie was in the top 50.");
    }

    [Fact]
    public void Walk_ValidSample_KeepsOpinions()
    {
        using var harness = new ConversationHarness();
        var turns = harness.Services.GetRequiredService<RedialTurns>();
        var dialogues = ReadDialogues("valid_data_sample100.jsonl", 25);

        var walked = turns.Walk(dialogues, turns.MapMovies(dialogues), 50);

        Assert.All(walked, t => Assert.Equal(t.NamedBefore.ToHashSet(), t.Query.Exclude.ToHashSet()));
        Assert.All(walked, t => Assert.Equal(t.Signals.Mentioned.Count(m => m.Opinion != MentionOpinion.Unknown), t.Query.Ratings.Count));
        Assert.Contains(walked, t => t.Signals.Requests.Any(r => r.HasGenres));
        Assert.All(walked, t => Assert.Equal(t.Signals.Requests.Count, t.Signals.Texts.Count));
        Assert.All(walked, t => Assert.DoesNotContain(t.Signals.Texts, text => text.Contains('@', StringComparison.Ordinal)));
        Assert.Contains(walked, t => !t.Dedup);
    }

    private static List<RedialDialogue> ReadDialogues(string file, int count) =>
        [.. RedialDialogue.ReadJsonLines(Path.Combine(TestData.Redial, file)).Take(count)];
}
