using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace ChatBot.Language.Checkpoints;

/// <summary>
/// Reads the safetensors format: an 8-byte little-endian header length, a JSON header mapping each
/// tensor name to its dtype, shape and byte range, then the raw little-endian tensor data.
/// </summary>
internal static class SafetensorsFile
{
    /// <summary>The largest header accepted; real headers are a few hundred kilobytes.</summary>
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Reads every tensor as float32, keyed by name.</summary>
    public static Dictionary<string, Tensor> ReadAll(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || headerLength > stream.Length - 8)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file: its header length {headerLength} is invalid.");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataStart = 8 + headerLength;
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(header);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                continue;
            }

            var dtype = entry.Value.GetProperty("dtype").GetString();
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var byteCount = offsets[1] - offsets[0];
            if (offsets[0] < 0 || byteCount < 0 || dataStart + offsets[1] > stream.Length)
            {
                throw new InvalidDataException($"'{path}': the byte range of tensor '{entry.Name}' lies outside the file.");
            }

            var bytes = new byte[byteCount];
            stream.Position = dataStart + offsets[0];
            stream.ReadExactly(bytes);
            tensors[entry.Name] = ToTensor(bytes, dtype, shape, entry.Name, path);
        }

        return tensors;
    }

    private static Tensor ToTensor(byte[] bytes, string? dtype, long[] shape, string name, string path)
    {
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        var (scalarType, size) = dtype switch
        {
            "F32" => (ScalarType.Float32, 4),
            "F16" => (ScalarType.Float16, 2),
            "BF16" => (ScalarType.BFloat16, 2),
            "F64" => (ScalarType.Float64, 8),
            _ => throw new InvalidDataException($"'{path}': tensor '{name}' has dtype {dtype}; only F32, F16, BF16 and F64 are supported."),
        };

        if (elements * size != bytes.Length)
        {
            throw new InvalidDataException($"'{path}': tensor '{name}' has {bytes.Length} bytes but its shape needs {elements * size}.");
        }

        using var raw = torch.empty(shape, dtype: scalarType);
        raw.bytes = bytes;
        return raw.to_type(ScalarType.Float32);
    }
}
