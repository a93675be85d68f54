using System.Runtime.InteropServices;
using System.Text;
using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;

namespace ChatBot.Recommendations.Serving;

/// <summary>
/// Reads and writes <see cref="RecommenderModel"/> files. A save writes a temporary file in the same folder,
/// flushes it to disk and renames it over the target, so readers see either the old or the new complete file.
/// </summary>
public static class ModelFile
{
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "CHATBOT-RECOMMENDER\n"u8.ToArray();
    private static readonly byte[] EndMarker = "END-OF-MODEL"u8.ToArray();

    /// <summary>Writes the model atomically to <paramref name="path"/>, replacing any file there.</summary>
    public static void Save(RecommenderModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    Write(writer, model);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads a model; raises <see cref="InvalidDataException"/> naming the file when it is not a complete model of this version.</summary>
    public static RecommenderModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return Read(reader);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException($"The model file '{path}' is truncated; delete it and run the 'train' command.", exception);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The model file '{path}' is inconsistent ({exception.Message}); delete it and run the 'train' command.", exception);
        }
    }

    private static void Write(BinaryWriter writer, RecommenderModel model)
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);

        var info = model.Info;
        writer.Write(info.TrainedAt.UtcTicks);
        writer.Write(info.CatalogName);
        writer.Write(info.CatalogRatings);
        writer.Write(info.PersonRatings);
        writer.Write(info.People);
        writer.Write(info.Seed);
        writer.Write(info.TrainingTime.Ticks);
        writer.Write(info.Epochs);
        writer.Write(info.ValidationRmse ?? double.NaN);

        WriteArray(writer, model.Items.MovieIds);

        var rating = model.RatingModel;
        writer.Write(rating.ItemCount);
        writer.Write(rating.Factors);
        writer.Write(rating.GlobalMean);
        writer.Write(rating.MinStars);
        writer.Write(rating.MaxStars);
        writer.Write(rating.Samples.Count);
        foreach (var sample in rating.Samples)
        {
            WriteArray(writer, sample.ItemParameters);
            WriteArray(writer, sample.UserPriorMean);
            WriteArray(writer, sample.UserPriorPrecision);
            writer.Write(sample.NoisePrecision);
            WriteArray(writer, sample.ItemNoiseScale);
        }

        var ranking = model.RankingModel;
        writer.Write(ranking.ItemCount);
        writer.Write(ranking.RatingWeightExponent);
        WriteArray(writer, ranking.ModelItems);
        WriteArray(writer, ranking.ItemRatingCounts);
        WriteArray(writer, ranking.Weights);
        writer.Write(EndMarker);
    }

    private static RecommenderModel Read(BinaryReader reader)
    {
        var path = (reader.BaseStream as FileStream)?.Name ?? "model";
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a recommender model file.");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The model file '{path}' has format version {version}, but this build reads version {FormatVersion}; run the 'train' command to replace it.");
        }

        var info = new ModelInfo(
            new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
            reader.ReadString(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            TimeSpan.FromTicks(reader.ReadInt64()),
            reader.ReadInt32(),
            reader.ReadDouble() is var rmse && double.IsNaN(rmse) ? null : rmse);

        var items = new ItemIndex(ReadArray<int>(reader));

        var itemCount = reader.ReadInt32();
        var factors = reader.ReadInt32();
        var mean = reader.ReadSingle();
        var min = reader.ReadSingle();
        var max = reader.ReadSingle();
        var sampleCount = reader.ReadInt32();
        if (sampleCount is < 1 or > 100_000)
        {
            throw new InvalidDataException($"The model file '{path}' claims {sampleCount} samples.");
        }

        var samples = new List<FactorSample>(sampleCount);
        for (var s = 0; s < sampleCount; s++)
        {
            samples.Add(new FactorSample(ReadArray<float>(reader), ReadArray<float>(reader), ReadArray<float>(reader), reader.ReadSingle(), ReadArray<float>(reader)));
        }

        var ratingModel = new FactorModel(itemCount, factors, mean, min, max, samples);

        var rankingItemCount = reader.ReadInt32();
        var exponent = reader.ReadDouble();
        var modelItems = ReadArray<int>(reader);
        var counts = ReadArray<int>(reader);
        var weights = ReadArray<float>(reader);
        if (!reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker))
        {
            throw new InvalidDataException($"The model file '{path}' does not end where a complete model ends; delete it and run the 'train' command.");
        }

        var rankingModel = new EaseModel(rankingItemCount, modelItems, weights, counts, exponent);
        return new RecommenderModel(items, ratingModel, rankingModel, info);
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || (long)length * Marshal.SizeOf<T>() > remaining)
        {
            throw new EndOfStreamException($"An array of {length} values does not fit in the {remaining} bytes left.");
        }

        var values = new T[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
