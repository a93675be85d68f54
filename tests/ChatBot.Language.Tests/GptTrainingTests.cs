using ChatBot.Language.Checkpoints;
using ChatBot.Language.Generation;
using ChatBot.Language.Model;
using ChatBot.Language.Prompts;
using ChatBot.Language.Training;
using ChatBot.TestSupport;
using TorchSharp;

namespace ChatBot.Language.Tests;

public sealed class GptTrainingTests
{
    [Fact]
    public async Task Train_HandfulOfDialogues_OverfitsAndGeneratesTheirReplies()
    {
        using var model = TinyModels.Create(TinyModels.Dialogues);
        var examples = TinyModels.Format(model, TinyModels.Dialogues);
        var options = new TrainingOptions { BatchSize = 4, Epochs = 200, LearningRate = 1e-2, WarmupSteps = 10, EvaluateEvery = 1000, Patience = 0 };
        var initialLoss = GptTrainer.Evaluate(model, examples, 4);

        var result = new GptTrainer().Train(model, examples, [], options, outputFolder: null, resume: false, onProgress: null, CancellationToken.None);

        var finalLoss = GptTrainer.Evaluate(model, examples, 4);
        Assert.True(initialLoss > 3, $"An untrained model should be unsure, but its loss was {initialLoss:F3}.");
        Assert.True(finalLoss < 0.05, $"The loss after {result.Steps} steps was {finalLoss:F4}, expected below 0.05.");
        foreach (var dialogue in TinyModels.Dialogues)
        {
            var prompt = TinyModels.Formatter.FormatPrompt(dialogue.Request, model.Config.ContextLength, 40);
            var generated = GptGenerator.Generate(model, prompt.Tokens, new GenerationSettings { MaxNewTokens = 40, Temperature = 0, Seed = 1 });

            Assert.Equal(StopReason.StopToken, generated.StopReason);
            Assert.Equal(dialogue.Response, Prompts.TranscriptFormatter.Relexicalize(TinyModels.Formatter.Tokenizer.Decode(generated.Tokens), dialogue.Request).Trim());
        }

        var generator = new Generators.LocalGptReplyGenerator(model, TinyModels.Formatter, new Configuration.LocalModelOptions { Temperature = 0 });
        var reply = await generator.GenerateAsync(TinyModels.Dialogues[0].Request, CancellationToken.None);
        Assert.Equal("I recommend watching Heat (1995) and Ronin (1998).", reply.Text);
        Assert.Equal("gpt-local", reply.GeneratorName);
    }

    [Fact]
    public void Generate_WithCache_MatchesFullRecomputation()
    {
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 3);
        var prompt = TinyModels.Formatter.FormatPrompt(TinyModels.Dialogues[0].Request, model.Config.ContextLength, 30).Tokens;

        foreach (var settings in new[]
        {
            new GenerationSettings { MaxNewTokens = 30, Temperature = 0, StopTokenId = null },
            new GenerationSettings { MaxNewTokens = 30, Temperature = 1.0, TopK = 20, TopP = 0.95, RepetitionPenalty = 1.3, Seed = 11, StopTokenId = null },
        })
        {
            var cached = GptGenerator.Generate(model, prompt, settings with { UseCache = true });
            var recomputed = GptGenerator.Generate(model, prompt, settings with { UseCache = false });

            Assert.Equal(30, cached.Tokens.Count);
            Assert.Equal(recomputed.Tokens, cached.Tokens);
        }
    }

    [Fact]
    public void Forward_CachedPrefixThenChunk_MatchesOneFullPass()
    {
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 4);
        model.eval();
        var tokens = torch.randint(0, model.Config.VocabularySize, [1, 20], dtype: torch.ScalarType.Int64);
        using var noGrad = torch.no_grad();

        var full = model.forward(tokens);
        using var cache = model.CreateCache();
        var first = model.Forward(tokens[.., ..12], cache);
        var second = model.Forward(tokens[.., 12..], cache);

        Assert.True(torch.cat([first, second], dim: 1).allclose(full, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Generate_SameSeed_GivesSameTokens()
    {
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 5);
        var prompt = TinyModels.Formatter.FormatPrompt(TinyModels.Dialogues[1].Request, model.Config.ContextLength, 20).Tokens;
        var settings = new GenerationSettings { MaxNewTokens = 20, Temperature = 1.2, Seed = 99, StopTokenId = null };

        var first = GptGenerator.Generate(model, prompt, settings);
        var second = GptGenerator.Generate(model, prompt, settings);
        var other = GptGenerator.Generate(model, prompt, settings with { Seed = 100 });

        Assert.Equal(first.Tokens, second.Tokens);
        Assert.NotEqual(first.Tokens, other.Tokens);
    }

    [Fact]
    public void Generate_CancelledToken_Throws()
    {
        using var model = TinyModels.Create(TinyModels.Dialogues);
        var prompt = TinyModels.Formatter.FormatPrompt(TinyModels.Dialogues[1].Request, model.Config.ContextLength, 20).Tokens;

        Assert.Throws<OperationCanceledException>(() => GptGenerator.Generate(model, prompt, new GenerationSettings(), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Generate_ZeroTimeBudget_StopsWithoutTokens()
    {
        using var model = TinyModels.Create(TinyModels.Dialogues);
        var prompt = TinyModels.Formatter.FormatPrompt(TinyModels.Dialogues[1].Request, model.Config.ContextLength, 20).Tokens;

        var result = GptGenerator.Generate(model, prompt, new GenerationSettings { TimeBudget = TimeSpan.Zero });

        Assert.Equal(StopReason.TimeBudget, result.StopReason);
        Assert.Empty(result.Tokens);
    }

    [Theory]
    [InlineData("", PromptFormat.Full)]
    [InlineData(", \"prompt_format\": \"Compact\"", PromptFormat.Compact)]
    [InlineData(", \"prompt_format\": \"Full\"", PromptFormat.Full)]
    public void ReadConfig_PromptFormat_DefaultsToFull(string property, PromptFormat expected)
    {
        using var folder = new TemporaryFolder("chatbot-lm");
        var path = Path.Combine(folder.Path, GptModelFiles.ConfigFileName);
        File.WriteAllText(path, "{\"vocab_size\": 300, \"n_positions\": 64, \"n_layer\": 1, \"n_head\": 2, \"n_embd\": 16" + property + "}");

        var config = GptModelFiles.ReadConfig(path);

        Assert.Equal(expected, config.PromptFormat);
        Assert.Equal(PromptFormat.Compact, GptConfig.Default.PromptFormat);
    }

    [Fact]
    public void SaveLoad_OutputTokens_RoundTrip()
    {
        using var folder = new TemporaryFolder("chatbot-lm");
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 7);
        model.OutputTokens = GptTrainer.ReplyTokens(TinyModels.Format(model, TinyModels.Dialogues));

        GptModelFiles.Save(model, folder.Path);
        using (var loaded = GptModelFiles.Load(folder.Path))
        {
            Assert.Equal(model.OutputTokens, loaded.OutputTokens);
            Assert.True(loaded.OutputCount < loaded.Config.VocabularySize, $"{loaded.OutputCount} output tokens of {loaded.Config.VocabularySize}.");
        }

        File.WriteAllText(Path.Combine(folder.Path, GptModelFiles.OutputTokensFileName), "[3, 2]");
        var error = Assert.Throws<InvalidDataException>(() => GptModelFiles.Load(folder.Path));
        Assert.Contains(GptModelFiles.OutputTokensFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveLoad_Model_IsBitExact()
    {
        using var folder = new TemporaryFolder("chatbot-lm");
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 6);

        GptModelFiles.Save(model, folder.Path);
        using var loaded = GptModelFiles.Load(folder.Path);

        Assert.Equal(model.Config, loaded.Config);
        Assert.Null(loaded.OutputTokens);
        Assert.Equal(Enumerable.Range(0, model.Vocabulary.Count).Select(model.Vocabulary.ToGpt), Enumerable.Range(0, loaded.Vocabulary.Count).Select(loaded.Vocabulary.ToGpt));
        var expected = model.state_dict();
        var actual = loaded.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            Assert.True(tensor.bytes.SequenceEqual(actual[name].bytes), $"The weight '{name}' changed in the round trip.");
        }
    }

    [Fact]
    public void Train_ResumeFromCheckpoint_ContinuesAtSavedStep()
    {
        using var folder = new TemporaryFolder("chatbot-lm");
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 7);
        var examples = TinyModels.Format(model, TinyModels.Dialogues);
        var options = new TrainingOptions { BatchSize = 2, Epochs = 3, CheckpointEvery = 2, EvaluateEvery = 2, WarmupSteps = 1, Patience = 0 };

        var first = new GptTrainer().Train(model, examples, examples, options with { MaxSteps = 4 }, folder.Path, resume: false, onProgress: null, CancellationToken.None);
        using var resumed = GptModelFiles.Load(GptTrainer.CheckpointFolder(folder.Path));
        var steps = new List<long>();
        var second = new GptTrainer().Train(resumed, examples, examples, options, folder.Path, resume: true, p => steps.Add(p.Step), CancellationToken.None);

        Assert.Equal(4, first.Steps);
        Assert.Equal("max steps", first.StopReason);
        Assert.Equal(5, steps[0]);
        Assert.Equal(6, second.Steps);
        Assert.True(GptModelFiles.Exists(folder.Path));
    }

    [Fact]
    public void Train_Resume_WithDifferentCorpus_IsRejected()
    {
        using var folder = new TemporaryFolder("chatbot-lm");
        using var model = TinyModels.Create(TinyModels.Dialogues, seed: 8);
        var examples = TinyModels.Format(model, TinyModels.Dialogues);
        var options = new TrainingOptions { BatchSize = 2, Epochs = 1, WarmupSteps = 1 };
        new GptTrainer().Train(model, examples, [], options, folder.Path, resume: false, onProgress: null, CancellationToken.None);

        var exception = Assert.Throws<InvalidOperationException>(() =>
            new GptTrainer().Train(model, examples.Take(2).ToList(), [], options, folder.Path, resume: true, onProgress: null, CancellationToken.None));

        Assert.Contains("same corpus", exception.Message, StringComparison.Ordinal);
    }
}
