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

    [Fact]
    public async Task TrainVerb_MentionCounts_SavesCounts()
    {
        using var harness = new ConversationHarness(QuickTraining);
        using var folder = new TemporaryFolder("chat-ranker-verb");
        var file = Path.Combine(folder.Path, "dialogues.jsonl");
        File.WriteAllLines(file, File.ReadLines(Path.Combine(TestData.Redial, "train_data_sample500.jsonl")).Take(40));
        var verb = harness.Services.GetServices<Core.Hosting.ICommandLineVerb>().Single(v => v.Name == "train-chat-ranker");
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var mentions = Path.Combine(TestData.Redial, "movies_with_mentions.csv");
        var rows = RedialMentionCounts.Read(mentions);

        var exitCode = await verb.RunAsync(["--redial", file, "--mentions", mentions], CancellationToken.None);

        Assert.Equal(0, exitCode);
        var saved = ranker.Model.Dialogues.Mentions;
        Assert.True(saved.Count > 4000, $"{saved.Count} catalog movies have mention counts.");
        Assert.True(saved.Values.Sum() > rows.Sum(r => r.Mentions) * 0.8, "Most mentions should map to the catalog.");
        Assert.NotEqual(0f, ranker.Model.Weights[(int)RankingFeature.CommunityMentions]);
    }

    [Fact]
    public void Evaluate_MentionCounts_LeaveOutOwn()
    {
        var dialogues = ReadDialogues("valid_data_sample100.jsonl", 25);
        var weights = new float[RankingFeatures.Count];
        weights[(int)RankingFeature.CommunityMentions] = 10;
        weights[(int)RankingFeature.LogRatings] = 0.1f;

        // Mention counts that come only from the evaluated dialogues, with most of the weight on them: a leaking
        // evaluation would rank the suggested movies near the top, a fair one cannot see the counts at all.
        RedialEvaluation Evaluate(bool withOwnMentions)
        {
            using var harness = new ConversationHarness();
            var turns = harness.Services.GetRequiredService<RedialTurns>();
            var own = RedialTurns.CountMentions(dialogues, turns.MapMovies(dialogues));
            Assert.True(own.Count > 50, $"{own.Count} mentioned movies.");
            var statistics = withOwnMentions ? new DialogueStatistics(0, [], [], own) : DialogueStatistics.Empty;
            new ChatRankerModel(weights, statistics, DateTimeOffset.UnixEpoch).Save(harness.Services.GetRequiredService<ChatRanker>().ModelPath);
            return harness.Services.GetRequiredService<RedialEvaluator>().Evaluate("valid.jsonl", dialogues);
        }

        var result = Evaluate(withOwnMentions: true);
        var baseline = Evaluate(withOwnMentions: false);

        Assert.Equal(baseline.Dedup.RecallAt10, result.Dedup.RecallAt10, 6);
        Assert.Equal(baseline.Dedup.RecallAt50, result.Dedup.RecallAt50, 6);
    }

    [Fact]
    public void ReadMentionCounts_File_ReadsRows()
    {
        var rows = RedialMentionCounts.Read(Path.Combine(TestData.Redial, "movies_with_mentions.csv"));

        Assert.Equal(6924, rows.Count);
        Assert.All(rows, r => Assert.True(r.Mentions >= 0));
        Assert.Contains(rows, r => r.Name.StartsWith("Black Panther", StringComparison.Ordinal) && r.Mentions > 500);
    }

    [Theory]
    [InlineData("id,name,count\n1,Heat (1995),3\n", "no movieId column")]
    [InlineData("movieId,movieName,nbMentions\n1,Heat (1995),three\n", ":2:")]
    public void ReadMentionCounts_BadFile_Throws(string content, string expected)
    {
        using var folder = new TemporaryFolder("mentions");
        var path = Path.Combine(folder.Path, "mentions.csv");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => RedialMentionCounts.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--redial")]
    [InlineData("--redial /nonexistent/dialogues.jsonl")]
    [InlineData("/nonexistent/dialogues.jsonl")]
    [InlineData("--mentions /nonexistent/mentions.csv")]
    [InlineData("--redial x.jsonl --mentions /nonexistent/mentions.csv")]
    [InlineData("--redial x.jsonl --mentions a.csv b.csv")]
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
