using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Language.Model;

/// <summary>
/// The key/value cache of a batch of sequences that join and leave at different times. Each sequence
/// has its own row of one buffer per layer (batch rows, heads, positions, head width), and a position's
/// keys and values sit in the column of the same number. Active sequences occupy rows 0 to count - 1,
/// so a step reads a view of the buffers. A sequence that joins writes only its own row, and one that
/// leaves is replaced by a copy of the last row.
/// </summary>
internal sealed class BatchKeyValueCache : IDisposable
{
    /// <summary>The buffers grow by this many positions, up to the context length.</summary>
    internal const int GrowthColumns = 64;

    private readonly GptConfig _config;
    private readonly BatchLayerCache[] _layers;
    private Tensor? _writeColumns;

    public BatchKeyValueCache(GptConfig config, int rows, ScalarType elementType, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        _config = config;
        Rows = rows;
        ElementType = elementType;
        Device = device;
        _layers = [.. Enumerable.Range(0, config.Layers).Select(_ => new BatchLayerCache(this))];
    }

    /// <summary>Gets the maximum number of sequences the buffers hold.</summary>
    public int Rows { get; }

    /// <summary>Gets the element type of the keys and values, the model's parameter type.</summary>
    public ScalarType ElementType { get; }

    public Device Device { get; }

    /// <summary>Gets how many positions each row can hold now.</summary>
    public int Capacity { get; private set; }

    public IReadOnlyList<IAttentionCache> Layers => _layers;

    internal CacheMode Mode { get; private set; }

    internal int FirstRow { get; private set; }

    internal int RowCount { get; private set; }

    internal int Width { get; private set; }

    internal Tensor WriteColumns => _writeColumns ?? throw new InvalidOperationException("No decoding step has begun.");

    internal (long Heads, long HeadWidth) Shape => (_config.Heads, _config.Width / _config.Heads);

    /// <summary>Grows every row to hold at least <paramref name="columns"/> positions, keeping what the rows hold.</summary>
    public void EnsureCapacity(int columns)
    {
        if (columns > _config.ContextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"The cache stores at most the context length of {_config.ContextLength} positions.");
        }

        if (columns <= Capacity)
        {
            return;
        }

        var capacity = Math.Min(_config.ContextLength, (columns + GrowthColumns - 1) / GrowthColumns * GrowthColumns);
        foreach (var layer in _layers)
        {
            layer.Grow(capacity);
        }

        Capacity = capacity;
    }

    /// <summary>Makes the next forward pass store the keys and values of whole prompts in rows <paramref name="firstRow"/> onwards, from column 0.</summary>
    public void BeginPrefill(int firstRow, int rowCount, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRow, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstRow + rowCount, Rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, Capacity);
        (Mode, FirstRow, RowCount, Width, _writeColumns) = (CacheMode.Prefill, firstRow, rowCount, width, null);
    }

    /// <summary>
    /// Makes the next forward pass store one new position per row 0 to <paramref name="rowCount"/> - 1, at the
    /// column given per row by <paramref name="writeColumns"/> (int64), and attend to the first <paramref name="width"/> columns.
    /// </summary>
    /// <remarks>The caller owns <paramref name="writeColumns"/> and keeps it alive until the forward pass ends.</remarks>
    public void BeginDecode(int rowCount, Tensor writeColumns, int width)
    {
        ArgumentNullException.ThrowIfNull(writeColumns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowCount, Rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, Capacity);
        (Mode, FirstRow, RowCount, Width, _writeColumns) = (CacheMode.Decode, 0, rowCount, width, writeColumns);
    }

    /// <summary>Copies the first <paramref name="columns"/> positions of row <paramref name="from"/> into row <paramref name="to"/>.</summary>
    public void MoveRow(int from, int to, int columns)
    {
        if (from == to || columns == 0)
        {
            return;
        }

        foreach (var layer in _layers)
        {
            layer.MoveRow(from, to, columns);
        }
    }

    public void Dispose()
    {
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
    }

    /// <summary>What the next forward pass stores: nothing yet, whole prompts, or one position per row.</summary>
    internal enum CacheMode
    {
        None = 0,
        Prefill = 1,
        Decode = 2,
    }
}

/// <summary>One layer's rows of a <see cref="BatchKeyValueCache"/>.</summary>
internal sealed class BatchLayerCache(BatchKeyValueCache owner) : IAttentionCache, IDisposable
{
    private Tensor? _keys;
    private Tensor? _values;

    /// <summary>Gets 0 while prompts are read (they attend only to themselves), else the columns before the new position.</summary>
    public long Length => owner.Mode == BatchKeyValueCache.CacheMode.Decode ? owner.Width - 1 : 0;

    public (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values)
    {
        var (allKeys, allValues) = (_keys!, _values!);
        switch (owner.Mode)
        {
            case BatchKeyValueCache.CacheMode.Prefill:
                var time = keys.shape[2];
                allKeys.narrow(0, owner.FirstRow, owner.RowCount).narrow(2, 0, time).copy_(keys);
                allValues.narrow(0, owner.FirstRow, owner.RowCount).narrow(2, 0, time).copy_(values);
                return (keys, values);

            case BatchKeyValueCache.CacheMode.Decode:
                var (heads, headWidth) = owner.Shape;
                using (var index = owner.WriteColumns.view(owner.RowCount, 1, 1, 1).expand(owner.RowCount, heads, 1, headWidth))
                {
                    allKeys.narrow(0, 0, owner.RowCount).scatter_(2, index, keys);
                    allValues.narrow(0, 0, owner.RowCount).scatter_(2, index, values);
                }

                return (allKeys.narrow(0, 0, owner.RowCount).narrow(2, 0, owner.Width), allValues.narrow(0, 0, owner.RowCount).narrow(2, 0, owner.Width));

            default:
                throw new InvalidOperationException("Begin a prefill or a decoding step before the forward pass.");
        }
    }

    public void Grow(int capacity)
    {
        // The views made while copying are freed with this scope rather than by the finalizer.
        using var scope = torch.NewDisposeScope();
        var (heads, headWidth) = owner.Shape;
        var keys = torch.zeros([owner.Rows, heads, capacity, headWidth], owner.ElementType, owner.Device).DetachFromDisposeScope();
        var values = torch.zeros([owner.Rows, heads, capacity, headWidth], owner.ElementType, owner.Device).DetachFromDisposeScope();
        if (_keys is not null && _values is not null)
        {
            var old = _keys.shape[2];
            keys.narrow(2, 0, old).copy_(_keys);
            values.narrow(2, 0, old).copy_(_values);
            _keys.Dispose();
            _values.Dispose();
        }

        (_keys, _values) = (keys, values);
    }

    public void MoveRow(int from, int to, int columns)
    {
        _keys![to].narrow(1, 0, columns).copy_(_keys[from].narrow(1, 0, columns));
        _values![to].narrow(1, 0, columns).copy_(_values[from].narrow(1, 0, columns));
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _values?.Dispose();
        (_keys, _values) = (null, null);
    }
}
