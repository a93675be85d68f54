using System.Runtime.InteropServices;
using ChatBot.Language.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Language.Generation;

/// <summary>
/// Sequences generated together: <see cref="Admit"/> reads new prompts (those of similar length in one
/// forward pass) and <see cref="Step"/> extends every sequence by one token in one forward pass over the
/// key/value cache.
/// Each sequence keeps its own positions, sampler and stop rules, so its tokens are those
/// <see cref="GptGenerator.Generate"/> writes for it alone (up to floating-point rounding). A sequence
/// that finishes, is cancelled or runs out of time leaves at the next call without changing the others.
/// Not thread-safe: one thread drives a batch.
/// </summary>
internal sealed class GptBatch : IDisposable
{
    /// <summary>A prompt joins a prefill group when the group's width pads it by at most 1/8 of that width.</summary>
    private const int MaxPaddingDivisor = 8;

    private readonly GptModel _model;
    private readonly BatchKeyValueCache _cache;
    private readonly List<BatchSequence> _rows;

    /// <summary>0, 1, 2, …: sliced for position ids, row numbers and key columns, so no step builds a range (each one costs native scalars that only the finalizer frees).</summary>
    private readonly Tensor _range;
    private float[] _logits = [];

    public GptBatch(GptModel model, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        var weight = model.parameters().First();
        _cache = new BatchKeyValueCache(model.Config, maxRows, weight.dtype, weight.device);
        _rows = new List<BatchSequence>(maxRows);
        _range = torch.arange(0L, Math.Max(model.Config.ContextLength, maxRows), 1L, dtype: ScalarType.Int64, device: weight.device).DetachFromDisposeScope();
    }

    /// <summary>Gets how many sequences are in the batch.</summary>
    public int Count => _rows.Count;

    /// <summary>Gets how many more sequences the batch can take.</summary>
    public int FreeRows => _cache.Rows - _rows.Count;

    public IReadOnlyList<BatchSequence> Sequences => _rows;

    /// <summary>
    /// Reads the prompts of <paramref name="newcomers"/>, samples each one's first token and adds those that go on
    /// to the batch. Prompts of similar length are read together, right-padded to the longest of their group.
    /// </summary>
    public void Admit(IReadOnlyList<BatchSequence> newcomers)
    {
        ArgumentNullException.ThrowIfNull(newcomers);
        if (newcomers.Count > FreeRows)
        {
            throw new ArgumentException($"The batch has room for {FreeRows} more sequences, not {newcomers.Count}.", nameof(newcomers));
        }

        var ready = newcomers
            .Where(s => s.CheckBeforeForward(s.ModelPrompt.Length))
            .OrderByDescending(s => s.ModelPrompt.Length)
            .ToList();
        var start = 0;
        while (start < ready.Count)
        {
            // Padding costs as much as prompt tokens, so a group pads each prompt by at most an eighth of its width.
            var width = ready[start].ModelPrompt.Length;
            var end = start + 1;
            while (end < ready.Count && ready[end].ModelPrompt.Length >= width - (width / MaxPaddingDivisor))
            {
                end++;
            }

            Prefill(ready.GetRange(start, end - start), width);
            start = end;
        }

        RemoveDone();
    }

    /// <summary>Feeds every sequence its last token and samples the next one. Sequences that stop leave the batch.</summary>
    public void Step()
    {
        foreach (var sequence in _rows)
        {
            sequence.CheckBeforeForward(1);
        }

        RemoveDone();
        var count = _rows.Count;
        if (count == 0)
        {
            return;
        }

        var lengths = new long[count];
        var tokens = new long[count];
        for (var row = 0; row < count; row++)
        {
            lengths[row] = _rows[row].Length;
            tokens[row] = _rows[row].PendingToken;
        }

        var width = (int)lengths.Max() + 1;
        _cache.EnsureCapacity(width);
        using (var scope = torch.NewDisposeScope())
        using (var inference = torch.inference_mode())
        {
            var device = _cache.Device;
            var input = torch.tensor(tokens, dtype: ScalarType.Int64, device: device).view(count, 1);
            var lengthTensor = torch.tensor(lengths, dtype: ScalarType.Int64, device: device);
            Tensor? mask = null;
            if (lengths.Any(length => length != lengths[0]))
            {
                // Each row attends only to its own positions, the columns up to and including the one it writes now.
                // An additive mask (0 or −∞) is built once here, where a boolean one would be converted in every layer.
                var keys = _range.narrow(0, 0, width).view(1, 1, 1, width);
                mask = torch.zeros([count, 1, 1, width], dtype: _cache.ElementType, device: device)
                    .masked_fill(keys.gt(lengthTensor.view(count, 1, 1, 1)), float.NegativeInfinity);
            }

            _cache.BeginDecode(count, lengthTensor, width);
            var hidden = _model.Hidden(input, lengthTensor.view(count, 1), _cache.Layers, mask);
            ReadLogits(hidden.select(1, 0), count);
        }

        var vocabulary = _model.OutputCount;
        for (var row = 0; row < count; row++)
        {
            _rows[row].Length++;
            _rows[row].Accept(_logits.AsSpan(row * vocabulary, vocabulary));
        }

        RemoveDone();
    }

    /// <summary>Fails every sequence with <paramref name="exception"/> and empties the batch.</summary>
    public void FailAll(Exception exception)
    {
        foreach (var sequence in _rows)
        {
            sequence.Fail(exception);
        }

        _rows.Clear();
    }

    public void Dispose()
    {
        _cache.Dispose();
        _range.Dispose();
    }

    /// <summary>
    /// Reads prompts of at most <paramref name="width"/> tokens in one forward pass, right-padded to that width,
    /// stores their keys and values in the next free rows and samples their first tokens.
    /// </summary>
    private void Prefill(List<BatchSequence> group, int width)
    {
        var count = group.Count;
        _cache.EnsureCapacity(width);
        using (var scope = torch.NewDisposeScope())
        using (var inference = torch.inference_mode())
        {
            var tokens = new long[count * width];
            var lastPositions = new long[count];
            for (var row = 0; row < count; row++)
            {
                group[row].ModelPrompt.CopyTo(tokens, row * width);
                lastPositions[row] = group[row].ModelPrompt.Length - 1;
            }

            var device = _cache.Device;
            var input = torch.tensor(tokens, dtype: ScalarType.Int64, device: device).view(count, width);
            var positions = _range.narrow(0, 0, width).unsqueeze(0).expand(count, width);
            var lastPositionTensor = torch.tensor(lastPositions, dtype: ScalarType.Int64, device: device);

            // The padding follows each prompt, so causal attention alone keeps prompt tokens from seeing it.
            // The padding's keys and values land in the cache beyond the row's length, where decoding masks
            // them until it overwrites them.
            _cache.BeginPrefill(_rows.Count, count, width);
            var hidden = _model.Hidden(input, positions, _cache.Layers, attentionMask: null);
            var rows = _range.narrow(0, 0, count);
            var last = hidden.index(TensorIndex.Tensor(rows), TensorIndex.Tensor(lastPositionTensor));
            ReadLogits(last, count);
        }

        var vocabulary = _model.OutputCount;
        for (var row = 0; row < count; row++)
        {
            group[row].Length = group[row].ModelPrompt.Length;
            _rows.Add(group[row]);
            group[row].Accept(_logits.AsSpan(row * vocabulary, vocabulary));
        }
    }

    /// <summary>Copies the float32 logits of <paramref name="hidden"/> (rows, width) into the reused buffer.</summary>
    private void ReadLogits(Tensor hidden, int rows)
    {
        var logits = _model.OutputLogits(hidden).to_type(ScalarType.Float32).contiguous();
        var size = rows * _model.OutputCount;
        if (_logits.Length < size)
        {
            _logits = new float[_cache.Rows * _model.OutputCount];
        }

        // The raw bytes of a contiguous CPU tensor copy in one block, while the element accessor copies one value at a time.
        MemoryMarshal.Cast<byte, float>(logits.bytes).CopyTo(_logits.AsSpan(0, size));
    }

    /// <summary>Removes finished sequences, moving the last rows into the gaps so active rows stay at the front.</summary>
    private void RemoveDone()
    {
        var row = 0;
        while (row < _rows.Count)
        {
            if (!_rows[row].IsDone)
            {
                row++;
                continue;
            }

            while (_rows.Count - 1 > row && _rows[^1].IsDone)
            {
                _rows.RemoveAt(_rows.Count - 1);
            }

            var last = _rows.Count - 1;
            if (row != last)
            {
                using var scope = torch.NewDisposeScope();
                _cache.MoveRow(last, row, _rows[last].Length);
                _rows[row] = _rows[last];
            }

            _rows.RemoveAt(last);
        }
    }
}
