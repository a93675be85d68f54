using System.Globalization;
using ChatBot.Recommendations.Data;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>A rating-prediction split: training ratings in index space and test ratings to predict.</summary>
/// <param name="Name">The split's name, such as "u1".</param>
/// <param name="Train">Training ratings; items are those rated at least once in training.</param>
/// <param name="TestUsers">User index of each test rating (the same index space as <paramref name="Train"/>).</param>
/// <param name="TestMovieIds">Movie id of each test rating; a movie may be missing from the training items.</param>
/// <param name="TestStars">Stars of each test rating.</param>
public sealed record RatingSplit(string Name, TrainingData Train, int[] TestUsers, int[] TestMovieIds, float[] TestStars)
{
    /// <summary>Reads ml-100k's official split files NAME.base and NAME.test (user, item, rating, timestamp; tab separated).</summary>
    public static RatingSplit ReadMl100k(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var train = ReadTriples(Path.Combine(folder, name + ".base"));
        var test = ReadTriples(Path.Combine(folder, name + ".test"));

        var items = new ItemIndex([.. train.Select(t => t.MovieId).Distinct().Order()]);
        var userIds = train.Select(t => t.UserId).Concat(test.Select(t => t.UserId)).Distinct().Order().ToArray();
        var userIndex = new Dictionary<int, int>(userIds.Length);
        for (var u = 0; u < userIds.Length; u++)
        {
            userIndex[userIds[u]] = u;
        }

        var matrix = new RatingMatrix(
            userIds.Length,
            items.Count,
            train.Select(t => userIndex[t.UserId]).ToArray(),
            train.Select(t => items.IndexOf(t.MovieId)).ToArray(),
            train.Select(t => t.Stars).ToArray());
        return new RatingSplit(
            name,
            TrainingData.FromMatrix(items, matrix),
            [.. test.Select(t => userIndex[t.UserId])],
            [.. test.Select(t => t.MovieId)],
            [.. test.Select(t => t.Stars)]);
    }

    /// <summary>Returns whether the folder contains the five official ml-100k folds u1..u5.</summary>
    public static bool HasMl100kFolds(string folder) =>
        Enumerable.Range(1, 5).All(k => File.Exists(Path.Combine(folder, $"u{k}.base")) && File.Exists(Path.Combine(folder, $"u{k}.test")));

    private static List<(int UserId, int MovieId, float Stars)> ReadTriples(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The split file '{path}' does not exist; the rating protocol needs ml-100k's u1..u5 .base and .test files.", path);
        }

        var triples = new List<(int, int, float)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var movie)
                || !float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var stars))
            {
                throw new InvalidDataException($"{path}:{lineNumber} is not 'user<TAB>item<TAB>rating<TAB>timestamp'.");
            }

            triples.Add((user, movie, stars));
        }

        return triples;
    }
}
