using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Language.Model;

/// <summary>Where one attention layer keeps the keys and values of earlier positions.</summary>
internal interface IAttentionCache
{
    /// <summary>Gets how many earlier positions the new tokens follow; 0 before the first call.</summary>
    long Length { get; }

    /// <summary>Stores new keys and values (batch, heads, time, head width) and returns those to attend to.</summary>
    (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values);
}

/// <summary>The keys and values one attention layer has computed for earlier positions of one sequence.</summary>
internal sealed class LayerCache : IAttentionCache, IDisposable
{
    public Tensor? Keys { get; private set; }

    public Tensor? Values { get; private set; }

    public long Length => Keys?.shape[2] ?? 0;

    /// <summary>Appends new keys and values (batch, heads, time, head width) and returns the full sequences.</summary>
    public (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values)
    {
        var allKeys = Keys is null ? keys.alias() : torch.cat([Keys, keys], dim: 2);
        var allValues = Values is null ? values.alias() : torch.cat([Values, values], dim: 2);

        // The cache outlives the dispose scope of the forward step that produced it.
        Keys?.Dispose();
        Values?.Dispose();
        Keys = allKeys.DetachFromDisposeScope();
        Values = allValues.DetachFromDisposeScope();
        return (Keys, Values);
    }

    public void Dispose()
    {
        Keys?.Dispose();
        Values?.Dispose();
        Keys = null;
        Values = null;
    }
}

/// <summary>The key/value cache of a whole model for one sequence.</summary>
public sealed class KeyValueCache : IDisposable
{
    internal KeyValueCache(int layers) => Layers = [.. Enumerable.Range(0, layers).Select(_ => new LayerCache())];

    internal IReadOnlyList<LayerCache> Layers { get; }

    /// <summary>Gets how many positions the cache holds.</summary>
    public long Length => Layers[0].Length;

    public void Dispose()
    {
        foreach (var layer in Layers)
        {
            layer.Dispose();
        }
    }
}
