using System.Globalization;
using nietras.SeparatedValues;

namespace ChatBot.Conversations.Evaluation;

/// <summary>One row of ReDial's movies_with_mentions.csv: a ReDial movie id, its name and how often dialogues named it.</summary>
public sealed record RedialMentionCount(string MovieId, string Name, int Mentions);

/// <summary>Reads ReDial's movie mention counts (movieId,movieName,nbMentions), which cover every dialogue of the full set.</summary>
public static class RedialMentionCounts
{
    /// <summary>Reads the file; throws <see cref="InvalidDataException"/> naming the line when a row or the header is not valid.</summary>
    public static IReadOnlyList<RedialMentionCount> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = Sep.Reader(options => options with { Unescape = true }).FromFile(path);
        foreach (var column in (string[])["movieId", "movieName", "nbMentions"])
        {
            if (!reader.Header.ColNames.Contains(column))
            {
                throw new InvalidDataException($"'{path}' has no {column} column; expected ReDial's movies_with_mentions.csv with the header movieId,movieName,nbMentions.");
            }
        }

        var rows = new List<RedialMentionCount>();
        foreach (var row in reader)
        {
            var id = row["movieId"].ToString().Trim();
            var mentions = row["nbMentions"].ToString();
            if (id.Length == 0 || !int.TryParse(mentions, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new InvalidDataException($"{path}:{row.LineNumberFrom}: expected a movie id and a whole number of mentions, found '{id}' and '{mentions}'.");
            }

            rows.Add(new RedialMentionCount(id, row["movieName"].ToString(), count));
        }

        return rows;
    }

    /// <summary>Adds up the mention counts per catalog movie; movies without a catalog id are left out.</summary>
    public static Dictionary<int, int> ToCatalog(IEnumerable<RedialMentionCount> rows, IReadOnlyDictionary<string, int> mapping)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(mapping);
        var counts = new Dictionary<int, int>();
        foreach (var row in rows)
        {
            if (mapping.TryGetValue(row.MovieId, out var movieId))
            {
                counts[movieId] = counts.GetValueOrDefault(movieId) + row.Mentions;
            }
        }

        return counts;
    }
}
