using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Language.Checkpoints;
using ChatBot.TestSupport;
using TorchSharp;

namespace ChatBot.Language.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class HuggingFaceCheckpointTests
{
    private const int Vocabulary = 61;
    private const int Positions = 16;
    private const int Width = 24;
    private const int Layers = 2;
    private const int Heads = 3;

    public HuggingFaceCheckpointTests() => TorchThreads.UseOne();

    [Fact]
    public void Load_Gpt2Checkpoint_MatchesReferenceLogits()
    {
        using var folder = new TemporaryFolder("chatbot-hf");
        var weights = RandomWeights(seed: 5);
        WriteCheckpoint(folder.Path, weights, prefix: "transformer.");
        int[] tokens = [3, 17, 42, 0, 60, 8, 8, 25, 11];

        using var model = HuggingFaceCheckpoint.Load(folder.Path);
        using var input = torch.tensor(tokens.Select(t => (long)t).ToArray()).unsqueeze(0);
        using var noGrad = torch.no_grad();
        using var logits = model.forward(input);
        var actual = logits.to_type(torch.ScalarType.Float64).data<double>().ToArray();
        var expected = ReferenceGpt2.Logits(weights, tokens, Layers, Heads);

        Assert.Equal(expected.Length, actual.Length);
        var maxError = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxError < 1e-4, $"The largest logit difference is {maxError:E2}.");
        Assert.True(expected.Max() - expected.Min() > 0.1, "The reference logits should vary, or the comparison proves nothing.");
    }

    [Fact]
    public void Load_UnprefixedNames_LoadsTheSameWeights()
    {
        using var prefixed = new TemporaryFolder("chatbot-hf");
        using var plain = new TemporaryFolder("chatbot-hf");
        var weights = RandomWeights(seed: 6);
        WriteCheckpoint(prefixed.Path, weights, prefix: "transformer.");
        WriteCheckpoint(plain.Path, weights, prefix: string.Empty);

        using var first = HuggingFaceCheckpoint.Load(prefixed.Path);
        using var second = HuggingFaceCheckpoint.Load(plain.Path);

        foreach (var (name, tensor) in first.state_dict())
        {
            Assert.True(tensor.bytes.SequenceEqual(second.state_dict()[name].bytes), $"The weight '{name}' differs.");
        }
    }

    [Fact]
    public void Load_MissingWeight_NamesIt()
    {
        using var folder = new TemporaryFolder("chatbot-hf");
        var weights = RandomWeights(seed: 7);
        weights.Remove("h.1.mlp.c_fc.bias");
        WriteCheckpoint(folder.Path, weights, prefix: string.Empty);

        var exception = Assert.Throws<InvalidDataException>(() => HuggingFaceCheckpoint.Load(folder.Path));

        Assert.Contains("h.1.mlp.c_fc.bias", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_FromLocalServer_WritesALoadableCheckpoint()
    {
        using var source = new TemporaryFolder("chatbot-hf");
        using var target = new TemporaryFolder("chatbot-hf");
        WriteCheckpoint(source.Path, RandomWeights(seed: 8), prefix: string.Empty);
        using var server = new FileServer(source.Path);
        using var http = new HttpClient();

        var folder = await new HuggingFaceDownloader(http, server.BaseUrl).DownloadAsync("tiny/gpt2", target.Combine("model"), null, CancellationToken.None);
        using var model = GptModelFiles.Load(folder);

        Assert.Equal(["/tiny/gpt2/resolve/main/config.json", "/tiny/gpt2/resolve/main/model.safetensors"], server.Requests);
        Assert.Equal(Width, model.Config.Width);
    }

    [Fact]
    public async Task Download_Unreachable_ExplainsOfflineUse()
    {
        using var target = new TemporaryFolder("chatbot-hf");
        using var http = new HttpClient();
        var closedPort = FileServer.FreePort();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new HuggingFaceDownloader(http, new Uri($"http://127.0.0.1:{closedPort}/")).DownloadAsync("gpt2", target.Combine("gpt2"), null, CancellationToken.None));

        Assert.Contains("no internet access", exception.Message, StringComparison.Ordinal);
        Assert.Contains("config.json and model.safetensors", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target.Combine("gpt2", "model.safetensors")));
    }

    [Fact]
    public async Task TrainLm_InitFromCheckpoint_FineTunesWithGpt2Vocabulary()
    {
        using var folder = new TemporaryFolder("chatbot-hf");
        var checkpoint = folder.Combine("gpt2-tiny");
        Directory.CreateDirectory(checkpoint);
        WriteCheckpoint(checkpoint, RandomWeights(seed: 9, vocabulary: Tokenization.GptTokenizer.VocabularySize), prefix: "transformer.", vocabulary: Tokenization.GptTokenizer.VocabularySize);
        var dialogues = folder.Combine("dialogues.json");
        File.WriteAllText(dialogues, """[{"user_id": 1, "message": "hi", "response": "Hello!"}, {"user_id": 2, "message": "any comedies?", "response": "Try Airplane!"}]""");
        var output = folder.Combine("tuned");
        var verb = new Verbs.TrainLanguageModelVerb(
            new EmptyServices(), new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            Microsoft.Extensions.Options.Options.Create(new Configuration.LanguageOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Verbs.TrainLanguageModelVerb>.Instance);

        var (exitCode, standardOutput, standardError) = await ConsoleCapture.RunAsync(() => verb.RunAsync(
            ["--init-from", checkpoint, "--dialogues", dialogues, "--output", output, "--max-steps", "2", "--batch-size", "1"], CancellationToken.None));
        using var tuned = GptModelFiles.Load(output);

        Assert.True(exitCode == 0, standardError);
        Assert.StartsWith("steps=2 ", standardOutput, StringComparison.Ordinal);
        Assert.True(tuned.Vocabulary.IsIdentity);
        Assert.Equal(Positions, tuned.Config.ContextLength);
        Assert.False(File.Exists(Path.Combine(output, Tokenization.TokenMap.FileName)));
    }

    [Fact]
    public void LocalGenerator_SmallVocabularyCheckpoint_IsRejected()
    {
        using var folder = new TemporaryFolder("chatbot-hf");
        WriteCheckpoint(folder.Path, RandomWeights(seed: 10), prefix: string.Empty);
        using var model = HuggingFaceCheckpoint.Load(folder.Path);

        var exception = Assert.Throws<InvalidDataException>(() =>
            new Generators.LocalGptReplyGenerator(model, new Prompts.TranscriptFormatter(Tokenization.GptTokenizer.Instance), new Configuration.LocalModelOptions()));

        Assert.Contains("vocabulary of 61 tokens", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Creates GPT-2 weights in Hugging Face's layout: Conv1D weights are (in, out).</summary>
    private static Dictionary<string, (int[] Shape, float[] Values)> RandomWeights(int seed, int vocabulary = Vocabulary)
    {
        var random = new Random(seed);
        var weights = new Dictionary<string, (int[] Shape, float[] Values)>();
        void Add(string name, float scale, float offset, params int[] shape)
        {
            var count = shape.Aggregate(1, (a, b) => a * b);
            weights[name] = (shape, [.. Enumerable.Range(0, count).Select(_ => offset + (scale * (float)((random.NextDouble() * 2) - 1)))]);
        }

        Add("wte.weight", 0.5f, 0, vocabulary, Width);
        Add("wpe.weight", 0.2f, 0, Positions, Width);
        for (var layer = 0; layer < Layers; layer++)
        {
            var p = $"h.{layer}.";
            Add(p + "ln_1.weight", 0.2f, 1, Width);
            Add(p + "ln_1.bias", 0.1f, 0, Width);
            Add(p + "attn.c_attn.weight", 0.3f, 0, Width, 3 * Width);
            Add(p + "attn.c_attn.bias", 0.1f, 0, 3 * Width);
            Add(p + "attn.c_proj.weight", 0.3f, 0, Width, Width);
            Add(p + "attn.c_proj.bias", 0.1f, 0, Width);
            Add(p + "ln_2.weight", 0.2f, 1, Width);
            Add(p + "ln_2.bias", 0.1f, 0, Width);
            Add(p + "mlp.c_fc.weight", 0.3f, 0, Width, 4 * Width);
            Add(p + "mlp.c_fc.bias", 0.1f, 0, 4 * Width);
            Add(p + "mlp.c_proj.weight", 0.2f, 0, 4 * Width, Width);
            Add(p + "mlp.c_proj.bias", 0.1f, 0, Width);
        }

        Add("ln_f.weight", 0.2f, 1, Width);
        Add("ln_f.bias", 0.1f, 0, Width);
        return weights;
    }

    /// <summary>Writes config.json and model.safetensors byte by byte, as Hugging Face's libraries lay them out.</summary>
    private static void WriteCheckpoint(string folder, Dictionary<string, (int[] Shape, float[] Values)> weights, string prefix, int vocabulary = Vocabulary)
    {
        var config = new Dictionary<string, object>
        {
            ["model_type"] = "gpt2",
            ["activation_function"] = "gelu_new",
            ["vocab_size"] = vocabulary,
            ["n_positions"] = Positions,
            ["n_ctx"] = Positions,
            ["n_embd"] = Width,
            ["n_layer"] = Layers,
            ["n_head"] = Heads,
            ["layer_norm_epsilon"] = 1e-5,
        };
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(config));

        // The causal-mask buffer that older GPT-2 checkpoints carry; the loader must skip it.
        var all = weights.ToDictionary(p => prefix + p.Key, p => p.Value);
        all[prefix + "h.0.attn.bias"] = ([1, 1, Positions, Positions], new float[Positions * Positions]);

        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        var data = new MemoryStream();
        var bytes = new byte[4];
        foreach (var (name, (shape, values)) in all)
        {
            var start = data.Length;
            foreach (var value in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
                data.Write(bytes);
            }

            header[name] = new { dtype = "F32", shape, data_offsets = new[] { start, data.Length } };
        }

        var json = JsonSerializer.Serialize(header);
        json += new string(' ', (8 - (Encoding.UTF8.GetByteCount(json) % 8)) % 8);
        using var file = File.Create(Path.Combine(folder, "model.safetensors"));
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, Encoding.UTF8.GetByteCount(json));
        file.Write(length);
        file.Write(Encoding.UTF8.GetBytes(json));
        data.Position = 0;
        data.CopyTo(file);
    }

    /// <summary>Serves files from a folder on 127.0.0.1 at /{owner}/{name}/resolve/main/{file}, as the Hugging Face hub lays them out.</summary>
    private sealed class FileServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _folder;
        private readonly Task _loop;

        public FileServer(string folder)
        {
            _folder = folder;
            var port = FreePort();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseUrl.ToString());
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public Uri BaseUrl { get; }

        public List<string> Requests { get; } = [];

        public static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                lock (Requests)
                {
                    Requests.Add(path);
                }

                var file = Path.Combine(_folder, Path.GetFileName(path));
                if (File.Exists(file))
                {
                    var bytes = await File.ReadAllBytesAsync(file);
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
