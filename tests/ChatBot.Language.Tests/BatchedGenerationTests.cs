using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Language.Configuration;
using ChatBot.Language.Generation;
using ChatBot.Language.Generators;
using ChatBot.Language.Model;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Language.Tests;

public sealed class BatchedGenerationTests
{
    /// <summary>How much <see cref="VariedModel"/> scales the initial weights.</summary>
    private const float WeightScale = 10;

    [Fact]
    public void Admit_GreedyMixedLengths_MatchesAlone()
    {
        using var model = VariedModel(seed: 21);
        var prompts = Prompts(model);
        var settings = prompts.Select(_ => new GenerationSettings { MaxNewTokens = 20, Temperature = 0, StopTokenId = null }).ToList();
        Assert.Contains(prompts, p => p.Count + 20 > BatchKeyValueCache.GrowthColumns);

        var expected = Unbatched(model, prompts, settings);
        var actual = RunBatch(model, prompts, settings, maxRows: prompts.Count);

        Assert.Equal(prompts.Count, actual.Count);
        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(StopReason.MaxNewTokens, actual[i].StopReason);
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
        }
    }

    [Fact]
    public void Admit_OutputTokens_MatchesAlone()
    {
        using var model = VariedModel(seed: 23);
        var replyTokens = TinyModels.Format(model, TinyModels.Dialogues).SelectMany(t => t.Tokens.Skip(t.PromptLength)).ToHashSet();
        model.OutputTokens = [.. replyTokens.Order()];
        var prompts = Prompts(model);
        var settings = prompts.Select((_, i) => new GenerationSettings { MaxNewTokens = 16, Temperature = i % 2 == 0 ? 0 : 0.8, RepetitionPenalty = 1.2, Seed = 40 + i, StopTokenId = null }).ToList();

        var expected = Unbatched(model, prompts, settings);
        var actual = RunBatch(model, prompts, settings, maxRows: prompts.Count);

        var allowed = replyTokens.Select(model.Vocabulary.ToGpt).ToHashSet();
        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            Assert.All(actual[i].Tokens, token => Assert.Contains(token, allowed));
        }
    }

    [Fact]
    public void OutputLogits_OutputTokens_SelectColumns()
    {
        using var model = VariedModel(seed: 24);
        using var hidden = TorchSharp.torch.randn(3, model.Config.Width);
        int[] tokens = [0, 5, 9, model.Config.VocabularySize - 1];

        using var all = model.Logits(hidden);
        model.OutputTokens = tokens;
        using var some = model.OutputLogits(hidden);
        using var index = TorchSharp.torch.tensor(tokens.Select(t => (long)t).ToArray());

        Assert.Equal([3L, tokens.Length], some.shape);
        Assert.True(some.allclose(all.index_select(1, index)), "The output logits differ from the full logits at those tokens.");
        Assert.Equal(9, model.OutputToken(2));
        Assert.Throws<ArgumentException>(() => model.OutputTokens = [5, 3]);
        Assert.Throws<ArgumentException>(() => model.OutputTokens = [model.Config.VocabularySize]);
    }

    [Fact]
    public void Admit_SeededSampling_MatchesAlone()
    {
        using var model = VariedModel(seed: 22);
        var prompts = Prompts(model);
        var settings = prompts.Select((_, i) => new GenerationSettings
        {
            MaxNewTokens = 12 + (3 * i),
            Temperature = 0.6 + (0.2 * i),
            TopK = i % 2 == 0 ? 0 : 10,
            TopP = i % 3 == 0 ? 1.0 : 0.9,
            RepetitionPenalty = 1.0 + (0.1 * i),
            Seed = 100 + i,
            StopTokenId = null,
        }).ToList();

        var expected = Unbatched(model, prompts, settings);
        var actual = RunBatch(model, prompts, settings, maxRows: prompts.Count);

        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(settings[i].MaxNewTokens, actual[i].Tokens.Count);
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
        }
    }

    [Fact]
    public void Step_StopTokens_StopEachSequence()
    {
        using var model = VariedModel(seed: 23);
        var prompts = Prompts(model);
        var free = Unbatched(model, prompts, [.. prompts.Select(_ => new GenerationSettings { MaxNewTokens = 20, Temperature = 0, StopTokenId = null })]);

        // Each sequence stops at a token its own greedy continuation writes at a different step.
        var settings = prompts.Select((_, i) => new GenerationSettings { MaxNewTokens = 20, Temperature = 0, StopTokenId = free[i].Tokens[2 + (i % 5)] }).ToList();
        var expected = Unbatched(model, prompts, settings);
        var actual = RunBatch(model, prompts, settings, maxRows: prompts.Count);

        Assert.All(expected, result => Assert.Equal(StopReason.StopToken, result.StopReason));
        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(StopReason.StopToken, actual[i].StopReason);
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
        }

        Assert.True(actual.Select(r => r.Tokens.Count).Distinct().Count() > 1, "The sequences should stop at different steps.");
    }

    [Fact]
    public void Admit_SequencesJoiningARunningBatch_MatchUnbatchedTokens()
    {
        using var model = VariedModel(seed: 24);
        var prompts = Prompts(model);
        var settings = prompts.Select((_, i) => new GenerationSettings { MaxNewTokens = 16, Temperature = i % 2 == 0 ? 0 : 1.0, Seed = 7 + i, StopTokenId = null }).ToList();
        var expected = Unbatched(model, prompts, settings);
        var sequences = Sequences(model, prompts, settings, TimeProvider.System);
        using var batch = new GptBatch(model, maxRows: prompts.Count);

        batch.Admit(sequences[..2]);
        for (var step = 0; step < 5; step++)
        {
            batch.Step();
        }

        batch.Admit(sequences[2..]);
        RunToEnd(batch);

        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, Result(sequences[i]).Tokens);
        }
    }

    [Fact]
    public async Task Step_CancelledSequence_LeavesWithoutChangingTheOthers()
    {
        using var model = VariedModel(seed: 25);
        var prompts = Prompts(model)[..4];
        var settings = prompts.Select(_ => new GenerationSettings { MaxNewTokens = 20, Temperature = 0, StopTokenId = null }).ToList();
        var expected = Unbatched(model, prompts, settings);
        using var cancellation = new CancellationTokenSource();
        var sequences = prompts
            .Select((prompt, i) => new BatchSequence(model, GptGenerator.ToModelPrompt(model, prompt), settings[i], TimeProvider.System, TimeProvider.System.GetTimestamp(), i == 1 ? cancellation.Token : CancellationToken.None))
            .ToList();
        using var batch = new GptBatch(model, maxRows: 4);

        batch.Admit(sequences);
        batch.Step();
        batch.Step();
        await cancellation.CancelAsync();
        batch.Step();

        Assert.Equal(3, batch.Count);
        Assert.True(sequences[1].Completion.Task.IsCanceled);
        RunToEnd(batch);
        foreach (var i in new[] { 0, 2, 3 })
        {
            Assert.Equal(expected[i].Tokens, Result(sequences[i]).Tokens);
        }
    }

    [Fact]
    public void Step_BudgetSpent_StopsThatSequenceOnly()
    {
        using var model = VariedModel(seed: 26);
        var prompts = Prompts(model)[..3];
        var settings = prompts.Select((_, i) => new GenerationSettings { MaxNewTokens = 12, Temperature = 0, StopTokenId = null, TimeBudget = i == 0 ? TimeSpan.FromSeconds(5) : null }).ToList();
        var expected = Unbatched(model, prompts, settings);
        var time = new FakeTimeProvider();
        var sequences = Sequences(model, prompts, settings, time);
        using var batch = new GptBatch(model, maxRows: 3);

        batch.Admit(sequences);
        batch.Step();
        batch.Step();
        time.Advance(TimeSpan.FromSeconds(5));
        RunToEnd(batch);

        var timedOut = Result(sequences[0]);
        Assert.Equal(StopReason.TimeBudget, timedOut.StopReason);
        Assert.Equal(expected[0].Tokens.Take(3), timedOut.Tokens);
        Assert.Equal(TimeSpan.FromSeconds(5), timedOut.Elapsed);
        Assert.Equal(expected[1].Tokens, Result(sequences[1]).Tokens);
        Assert.Equal(expected[2].Tokens, Result(sequences[2]).Tokens);
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentRequests_ShareOneBatch()
    {
        using var model = VariedModel(seed: 27);
        var prompts = Prompts(model)[..4];
        var settings = new GenerationSettings { MaxNewTokens = 15, Temperature = 0.8, Seed = 3, StopTokenId = null };
        var expected = Unbatched(model, prompts, [.. prompts.Select(_ => settings)]);

        // A long window: the batch starts only when all four requests fill it.
        using var generator = new BatchedGptGenerator(model, new BatchingSettings { MaxBatchSize = 4, BatchWindow = TimeSpan.FromMinutes(5) });
        var results = await Task.WhenAll(prompts.Select(p => generator.GenerateAsync(p, settings, CancellationToken.None))).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(4, generator.LargestBatch);
        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, results[i].Tokens);
        }
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileQueued_OthersFinish()
    {
        using var model = VariedModel(seed: 28);
        var prompts = Prompts(model)[..4];
        var settings = new GenerationSettings { MaxNewTokens = 10, Temperature = 0, StopTokenId = null };
        using var generator = new BatchedGptGenerator(model, new BatchingSettings { MaxBatchSize = 3, BatchWindow = TimeSpan.FromMinutes(5) });
        using var cancellation = new CancellationTokenSource();

        var cancelled = generator.GenerateAsync(prompts[0], settings, cancellation.Token);
        var first = generator.GenerateAsync(prompts[1], settings, CancellationToken.None);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.False(first.IsCompleted);
        var others = new[] { first, generator.GenerateAsync(prompts[2], settings, CancellationToken.None), generator.GenerateAsync(prompts[3], settings, CancellationToken.None) };
        var results = await Task.WhenAll(others).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.All(results, result => Assert.Equal(10, result.Tokens.Count));
        Assert.Equal(3, generator.LargestBatch);
    }

    [Fact]
    public async Task Dispose_QueuedRequest_FailsWithObjectDisposed()
    {
        using var model = VariedModel(seed: 29);
        var generator = new BatchedGptGenerator(model, new BatchingSettings { MaxBatchSize = 2, BatchWindow = TimeSpan.FromMinutes(5) });

        var pending = generator.GenerateAsync(Prompts(model)[0], new GenerationSettings(), CancellationToken.None);
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(Prompts(model)[0], new GenerationSettings(), CancellationToken.None));
    }

    [Fact]
    public async Task LocalReply_FixedSeed_BatchMatchesAlone()
    {
        // Each generator owns and disposes its model, so each gets its own copy of the same weights.
        var model = VariedModel(seed: 30);
        var options = new LocalModelOptions { Seed = 5, Temperature = 0.9, MaxNewTokens = 24, MaxBatchSize = 1, BatchWindowMilliseconds = 0 };
        var requests = TinyModels.Dialogues.Select(d => d.Request).ToList();
        using var alone = new LocalGptReplyGenerator(model, TinyModels.Formatter, options);
        var expected = new List<GeneratedReply>();
        foreach (var request in requests)
        {
            expected.Add(await alone.GenerateAsync(request, CancellationToken.None));
        }

        var copy = VariedModel(seed: 30);
        using var batched = new LocalGptReplyGenerator(copy, TinyModels.Formatter, new LocalModelOptions { Seed = 5, Temperature = 0.9, MaxNewTokens = 24, MaxBatchSize = 4, BatchWindowMilliseconds = 300_000 });
        var actual = await Task.WhenAll(requests.Select(r => batched.GenerateAsync(r, CancellationToken.None))).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, alone.LargestBatch);
        Assert.Equal(4, batched.LargestBatch);
        Assert.Equal(expected.Select(r => r.Text), actual.Select(r => r.Text));
    }

    [Fact]
    public async Task LocalReply_LongHistory_KeepsOnlyLatestTurns()
    {
        var request = TinyModels.Dialogues[0].Request;
        var turns = Enumerable.Range(0, 8)
            .Select(i => new ConversationTurn(i % 2 == 0 ? TurnSpeaker.Person : TurnSpeaker.Bot, $"turn number {i}", DateTimeOffset.UnixEpoch, []))
            .ToList();
        var options = new LocalModelOptions { Seed = 5, Temperature = 0.9, MaxNewTokens = 16, MaxHistoryTurns = 2, BatchWindowMilliseconds = 0 };
        using var generator = new LocalGptReplyGenerator(VariedModel(seed: 31), TinyModels.Formatter, options);

        var withAll = await generator.GenerateAsync(request with { History = turns }, CancellationToken.None);
        var withLatest = await generator.GenerateAsync(request with { History = turns[^2..] }, CancellationToken.None);
        var withOlder = await generator.GenerateAsync(request with { History = turns[..2] }, CancellationToken.None);

        Assert.Equal(withLatest.Text, withAll.Text);
        Assert.NotEqual(withOlder.Text, withAll.Text);
    }

    /// <summary>
    /// Creates an untrained tiny model with weights scaled up from GPT-2's small initialisation, so that greedy
    /// continuations change with the context instead of repeating one token.
    /// </summary>
    private static GptModel VariedModel(int seed)
    {
        var model = TinyModels.Create(TinyModels.Dialogues, seed: seed);
        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith(".weight", StringComparison.Ordinal) && !name.Contains("ln", StringComparison.Ordinal))
            {
                parameter.mul_(WeightScale);
            }
        }

        return model;
    }

    /// <summary>Prompts of several lengths: whole dialogue prompts, and cut ones that need padding and separate prefill groups.</summary>
    private static List<IReadOnlyList<int>> Prompts(GptModel model)
    {
        var whole = TinyModels.Dialogues
            .Select(d => (IReadOnlyList<int>)TinyModels.Formatter.FormatPrompt(d.Request, model.Config.ContextLength, 24).Tokens)
            .ToList();
        return [.. whole, whole[0].Take(whole[0].Count / 2).ToList(), whole[1].Take(whole[1].Count - 3).ToList(), whole[1]];
    }

    private static List<GenerationResult> Unbatched(GptModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<GenerationSettings> settings) =>
        [.. prompts.Select((prompt, i) => GptGenerator.Generate(model, prompt, settings[i]))];

    private static BatchSequence[] Sequences(GptModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<GenerationSettings> settings, TimeProvider time) =>
        [.. prompts.Select((prompt, i) => new BatchSequence(model, GptGenerator.ToModelPrompt(model, prompt), settings[i], time, time.GetTimestamp(), CancellationToken.None))];

    private static List<GenerationResult> RunBatch(GptModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<GenerationSettings> settings, int maxRows)
    {
        var sequences = Sequences(model, prompts, settings, TimeProvider.System);
        using var batch = new GptBatch(model, maxRows);
        batch.Admit(sequences);
        RunToEnd(batch);
        return [.. sequences.Select(Result)];
    }

    /// <summary>Returns the result of a sequence that the batch has finished.</summary>
    private static GenerationResult Result(BatchSequence sequence)
    {
        Assert.True(sequence.Completion.Task.IsCompletedSuccessfully, "The sequence should have finished.");
        return sequence.Completion.Task.Result;
    }

    private static void RunToEnd(GptBatch batch)
    {
        for (var step = 0; batch.Count > 0; step++)
        {
            Assert.True(step < 1000, "The batch should finish within its sequences' length limits.");
            batch.Step();
        }
    }
}
