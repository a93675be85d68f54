using System.Globalization;
using System.Text;

namespace ChatBot.Recommendations.Tests;

/// <summary>Writes small MovieLens folders with two taste groups, for tests that need a whole catalog but not real data.</summary>
internal static class MiniMovieLens
{
    private static readonly string[] Genres = ["Action", "Comedy", "Drama", "Romance", "Sci-Fi", "Thriller"];

    /// <summary>
    /// Writes movies.csv and ratings.csv (ml-latest layout): movies 1..<paramref name="movies"/> released 1970 + id % 50,
    /// users in two groups that rate mostly the odd or mostly the even movies.
    /// </summary>
    public static void WriteCsv(string folder, int users = 60, int movies = 40, int seed = 1)
    {
        var movieLines = new StringBuilder("movieId,title,genres\n");
        for (var movie = 1; movie <= movies; movie++)
        {
            movieLines.Append(CultureInfo.InvariantCulture, $"{movie},Movie {movie} ({1970 + (movie % 50)}),{GenresOf(movie)}\n");
        }

        var ratingLines = new StringBuilder("userId,movieId,rating,timestamp\n");
        foreach (var (user, movie, stars) in Ratings(users, movies, seed))
        {
            ratingLines.Append(CultureInfo.InvariantCulture, $"{user},{movie},{stars:0.0},{1_000_000_000 + movie}\n");
        }

        File.WriteAllText(Path.Combine(folder, "movies.csv"), movieLines.ToString());
        File.WriteAllText(Path.Combine(folder, "ratings.csv"), ratingLines.ToString());
    }

    /// <summary>Writes the ml-100k layout: u.item, u.data and five folds u1..u5 (.base/.test) of the same ratings.</summary>
    public static void WriteMl100k(string folder, int users = 60, int movies = 40, int seed = 1)
    {
        var items = new StringBuilder();
        for (var movie = 1; movie <= movies; movie++)
        {
            var flags = string.Join('|', Enumerable.Range(0, 19).Select(g => g == 1 + (movie % 18) ? "1" : "0"));
            items.Append(CultureInfo.InvariantCulture, $"{movie}|Movie {movie} ({1970 + (movie % 50)})|01-Jan-{1970 + (movie % 50)}||http://example.invalid|{flags}\n");
        }

        File.WriteAllText(Path.Combine(folder, "u.item"), items.ToString(), Encoding.Latin1);
        var ratings = Ratings(users, movies, seed).Select(r => (r.User, r.Movie, Stars: Math.Max(1, Math.Round(r.Stars)))).ToList();
        File.WriteAllLines(Path.Combine(folder, "u.data"), ratings.Select(Line));
        for (var fold = 1; fold <= 5; fold++)
        {
            File.WriteAllLines(Path.Combine(folder, $"u{fold}.base"), ratings.Where((_, k) => k % 5 != fold - 1).Select(Line));
            File.WriteAllLines(Path.Combine(folder, $"u{fold}.test"), ratings.Where((_, k) => k % 5 == fold - 1).Select(Line));
        }

        static string Line((int User, int Movie, double Stars) r) =>
            string.Create(CultureInfo.InvariantCulture, $"{r.User}\t{r.Movie}\t{r.Stars:0}\t{1_000_000_000 + r.Movie}");
    }

    private static string GenresOf(int movie) => $"{Genres[movie % Genres.Length]}|{Genres[(movie / 2) % Genres.Length]}";

    private static IEnumerable<(int User, int Movie, double Stars)> Ratings(int users, int movies, int seed)
    {
        var random = new Random(seed);
        for (var user = 1; user <= users; user++)
        {
            var group = user % 2;
            for (var movie = 1; movie <= movies; movie++)
            {
                var inGroup = movie % 2 == group;
                if (random.NextDouble() < (inGroup ? 0.6 : 0.1))
                {
                    var stars = inGroup ? 3.5 + (random.Next(4) * 0.5) : 1 + (random.Next(4) * 0.5);
                    yield return (user, movie, stars);
                }
            }
        }
    }
}
