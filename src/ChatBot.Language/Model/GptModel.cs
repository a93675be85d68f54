using ChatBot.Language.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ChatBot.Language.Model;

/// <summary>
/// A GPT-2-architecture decoder: token and position embeddings, pre-norm blocks with causal
/// self-attention and a GELU MLP, a final layer norm and an output head tied to the token embedding.
/// Parameter names follow GPT-2's (wte, wpe, h.N.attn.c_attn, ln_f) so checkpoints map one to one.
/// </summary>
public sealed class GptModel : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly Dropout drop;
    private readonly ModuleList<GptBlock> h;
    private readonly LayerNorm ln_f;
    private int[]? _outputTokens;
    private Tensor? _outputIndex;
    private TokenMap _vocabulary = TokenMap.Identity;
    private Generation.Utf8Guard? _utf8Guard;

    public GptModel(GptConfig config)
        : base("gpt")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        wte = Embedding(config.VocabularySize, config.Width);
        wpe = Embedding(config.ContextLength, config.Width);
        drop = Dropout(config.Dropout);
        h = new ModuleList<GptBlock>([.. Enumerable.Range(0, config.Layers).Select(i => new GptBlock($"h{i}", config))]);
        ln_f = LayerNorm(config.Width, config.LayerNormEpsilon);
        RegisterComponents();
        InitializeWeights();
    }

    public GptConfig Config { get; }

    /// <summary>Gets or sets the map from GPT-2 token ids to this model's vocabulary; identity for GPT-2's full vocabulary.</summary>
    public TokenMap Vocabulary
    {
        get => _vocabulary;
        set
        {
            _vocabulary = value ?? throw new ArgumentNullException(nameof(value));
            _utf8Guard = null;
        }
    }

    /// <summary>Gets the guard that keeps sampled text valid UTF-8, built from the bytes of the output tokens.</summary>
    internal Generation.Utf8Guard Utf8Guard => _utf8Guard ??= new Generation.Utf8Guard(
        [.. Enumerable.Range(0, OutputCount).Select(i => GptTokenizer.Instance.TokenBytes(Vocabulary.ToGpt(OutputToken(i))).ToArray())]);

    /// <summary>
    /// Gets or sets the model tokens that generation may produce, in ascending order, or null for the whole
    /// vocabulary. A model trained on delexicalised replies never learns to write most title tokens, so
    /// scoring only the tokens its replies contained saves most of the output head's work and of sampling's.
    /// </summary>
    /// <exception cref="ArgumentException">A token is outside the vocabulary, or the list is empty, unsorted or repeats a token.</exception>
    public IReadOnlyList<int>? OutputTokens
    {
        get => _outputTokens;
        set
        {
            int[]? tokens = value is null ? null : [.. value];
            if (tokens is not null)
            {
                if (tokens.Length == 0 || tokens[0] < 0 || tokens[^1] >= Config.VocabularySize || tokens.Zip(tokens.Skip(1)).Any(p => p.First >= p.Second))
                {
                    throw new ArgumentException($"Output tokens must be distinct, ascending and within the vocabulary of {Config.VocabularySize}.", nameof(value));
                }
            }

            _outputIndex?.Dispose();
            _outputIndex = tokens is null ? null : torch.tensor(tokens.Select(t => (long)t).ToArray(), dtype: ScalarType.Int64).DetachFromDisposeScope();
            _outputTokens = tokens;
            _utf8Guard = null;
        }
    }

    /// <summary>Gets how many logits <see cref="OutputLogits"/> returns per position.</summary>
    public int OutputCount => _outputTokens?.Length ?? Config.VocabularySize;

    /// <summary>Returns the model token of an index into <see cref="OutputLogits"/>.</summary>
    public int OutputToken(int index) => _outputTokens is null ? index : _outputTokens[index];

    /// <summary>Gets the number of parameters (the tied head counted once).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Returns logits (batch, time, vocabulary) for token ids (batch, time).</summary>
    public override Tensor forward(Tensor tokens) => Logits(Hidden(tokens, cache: null));

    /// <summary>Computes logits for new tokens, attending to and extending the cache.</summary>
    public Tensor Forward(Tensor tokens, KeyValueCache? cache) => Logits(Hidden(tokens, cache));

    /// <summary>Returns the final hidden states (batch, time, width) for token ids, before the output head.</summary>
    public Tensor Hidden(Tensor tokens, KeyValueCache? cache)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var past = cache?.Length ?? 0;
        var length = tokens.shape[1];
        if (past + length > Config.ContextLength)
        {
            throw new ArgumentException(
                $"The sequence of {past + length} tokens is longer than the model's context length of {Config.ContextLength}.", nameof(tokens));
        }

        using var positions = torch.arange(past, past + length, dtype: ScalarType.Int64, device: tokens.device);
        return Hidden(tokens, positions, cache?.Layers, attentionMask: null);
    }

    /// <summary>
    /// Returns the final hidden states for a batch whose rows may differ in length. <paramref name="positions"/>
    /// contains each token's position id (batch, time); <paramref name="attentionMask"/> (batch, 1, time, keys) is
    /// true where a query may attend to a key, or null for plain causal attention over the layer caches.
    /// </summary>
    internal Tensor Hidden(Tensor tokens, Tensor positions, IReadOnlyList<IAttentionCache>? layerCaches, Tensor? attentionMask)
    {
        var x = drop.call(wte.call(tokens).add(wpe.call(positions), Scalars.UnitAlpha));
        for (var i = 0; i < h.Count; i++)
        {
            x = h[i].Forward(x, layerCaches?[i], attentionMask);
        }

        return ln_f.call(x);
    }

    /// <summary>Projects hidden states onto the vocabulary with the tied token embedding.</summary>
    public Tensor Logits(Tensor hidden) => functional.linear(hidden, wte.weight!);

    /// <summary>
    /// Projects hidden states onto the <see cref="OutputTokens"/> only, in their order (the whole vocabulary when
    /// there are none). Generation samples from these; training scores the whole vocabulary.
    /// </summary>
    public Tensor OutputLogits(Tensor hidden)
    {
        if (_outputIndex is null)
        {
            return Logits(hidden);
        }

        // The rows are gathered on each call, so the head always matches the current weights.
        using var rows = wte.weight!.index_select(0, _outputIndex);
        return functional.linear(hidden, rows);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _outputIndex?.Dispose();
            _outputIndex = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>Throws when the model cannot read GPT-2 tokens: its vocabulary map is the identity but its vocabulary is smaller than GPT-2's.</summary>
    /// <exception cref="InvalidDataException">The vocabulary does not fit the GPT-2 tokenizer.</exception>
    public void EnsureGpt2Vocabulary()
    {
        if (Vocabulary.IsIdentity && Config.VocabularySize < GptTokenizer.VocabularySize)
        {
            throw new InvalidDataException(
                $"The model has a vocabulary of {Config.VocabularySize} tokens without a vocabulary map, but replies are tokenized with GPT-2's {GptTokenizer.VocabularySize} tokens; use a GPT-2 family checkpoint or a model trained by train-lm.");
        }
    }

    /// <summary>Creates an empty key/value cache for one generation.</summary>
    public KeyValueCache CreateCache() => new(Config.Layers);

    private void InitializeWeights()
    {
        using var noGrad = torch.no_grad();

        // GPT-2's scheme: N(0, 0.02) weights, zero biases, and residual projections scaled by 1/sqrt(2 * layers).
        var residualStd = 0.02 / Math.Sqrt(2.0 * Config.Layers);
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else if (name.StartsWith("ln", StringComparison.Ordinal) || name.Contains(".ln_", StringComparison.Ordinal))
            {
                parameter.fill_(1.0);
            }
            else
            {
                var std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? residualStd : 0.02;
                init.normal_(parameter, 0.0, std);
            }
        }
    }
}

/// <summary>A pre-norm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).</summary>
internal sealed class GptBlock : Module<Tensor, Tensor>
{
    private readonly LayerNorm ln_1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln_2;
    private readonly GptMlp mlp;

    public GptBlock(string name, GptConfig config)
        : base(name)
    {
        ln_1 = LayerNorm(config.Width, config.LayerNormEpsilon);
        attn = new CausalSelfAttention(config);
        ln_2 = LayerNorm(config.Width, config.LayerNormEpsilon);
        mlp = new GptMlp(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Forward(x, cache: null, attentionMask: null);

    public Tensor Forward(Tensor x, IAttentionCache? cache, Tensor? attentionMask)
    {
        x = x.add(attn.Forward(ln_1.call(x), cache, attentionMask), Scalars.UnitAlpha);
        return x.add(mlp.call(ln_2.call(x)), Scalars.UnitAlpha);
    }
}

/// <summary>Multi-head causal self-attention with one fused query/key/value projection.</summary>
internal sealed class CausalSelfAttention : Module<Tensor, Tensor>
{
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly Dropout resid_dropout;
    private readonly int heads;
    private readonly int width;
    private readonly double dropout;

    public CausalSelfAttention(GptConfig config)
        : base("attn")
    {
        heads = config.Heads;
        width = config.Width;
        dropout = config.Dropout;
        c_attn = Linear(config.Width, 3 * config.Width);
        c_proj = Linear(config.Width, config.Width);
        resid_dropout = Dropout(config.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Forward(x, cache: null, attentionMask: null);

    /// <summary>Attends with <paramref name="attentionMask"/> when given, else causally over the cache and the new tokens.</summary>
    public Tensor Forward(Tensor x, IAttentionCache? cache, Tensor? attentionMask)
    {
        var batch = x.shape[0];
        var length = x.shape[1];
        var headWidth = width / heads;
        var qkv = c_attn.call(x).split(width, dim: 2);
        var q = qkv[0].view(batch, length, heads, headWidth).transpose(1, 2);
        var k = qkv[1].view(batch, length, heads, headWidth).transpose(1, 2);
        var v = qkv[2].view(batch, length, heads, headWidth).transpose(1, 2);

        var past = cache?.Length ?? 0;
        if (cache is not null)
        {
            (k, v) = cache.Append(k, v);
        }

        var attentionDropout = training ? dropout : 0.0;
        Tensor y;
        if (attentionMask is not null)
        {
            y = functional.scaled_dot_product_attention(q, k, v, attentionMask, attentionDropout, false);
        }
        else if (past == 0)
        {
            y = functional.scaled_dot_product_attention(q, k, v, null, attentionDropout, true);
        }
        else if (length == 1)
        {
            // One new token may attend to every cached position, so no mask is needed.
            y = functional.scaled_dot_product_attention(q, k, v, null, attentionDropout, false);
        }
        else
        {
            // New token i sits at position past + i and may attend to positions 0..past + i.
            using var mask = torch.ones(length, past + length, dtype: ScalarType.Bool, device: x.device).tril(past);
            y = functional.scaled_dot_product_attention(q, k, v, mask, attentionDropout, false);
        }

        y = y.transpose(1, 2).contiguous().view(batch, length, width);
        return resid_dropout.call(c_proj.call(y));
    }
}

/// <summary>The block's feed-forward part: width → 4·width → GELU (tanh form, as GPT-2) → width.</summary>
internal sealed class GptMlp : Module<Tensor, Tensor>
{
    private readonly Linear c_fc;
    private readonly Linear c_proj;
    private readonly Dropout dropout;

    public GptMlp(GptConfig config)
        : base("mlp")
    {
        c_fc = Linear(config.Width, 4 * config.Width);
        c_proj = Linear(4 * config.Width, config.Width);
        dropout = Dropout(config.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        dropout.call(c_proj.call(functional.gelu(c_fc.call(x), TorchSharp.Modules.GELU.Approximate.tanh)));
}

/// <summary>
/// Scalars shared by every forward pass. TorchSharp's tensor + tensor makes a new native scalar for its
/// factor of 1 on each call and leaves it to the finalizer. While serving, those finalizers took about a
/// fifth of the CPU time, so these are created once and live as long as the process.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar UnitAlpha = 1.ToScalar();
}
