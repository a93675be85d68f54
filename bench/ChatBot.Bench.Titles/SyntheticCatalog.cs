using ChatBot.Catalog;
using ChatBot.Core.Movies;

namespace ChatBot.Bench.Titles;

/// <summary>
/// Builds a catalog the size of ml-latest (about 87,000 movies and 330,000 titles with alternates) from a small
/// one: each movie is kept and joined by copies whose titles have one word replaced by a word from another title,
/// each with three alternate titles made the same way. Only sizes and timings mean anything on it.
/// </summary>
public static class SyntheticCatalog
{
    public static MovieCatalog Build(IMovieCatalog source, int targetMovies, int alternatesPerCopy, int seed)
    {
        var random = new Random(seed);
        var words = source.Movies.SelectMany(m => m.Title.Split(' ')).Where(w => w.Length >= 3).Distinct().ToArray();
        var movies = new List<Movie>(targetMovies);
        movies.AddRange(source.Movies);
        var copy = 1;
        while (movies.Count < targetMovies)
        {
            foreach (var movie in source.Movies)
            {
                if (movies.Count == targetMovies)
                {
                    break;
                }

                var alternates = Enumerable.Range(0, alternatesPerCopy).Select(_ => Mutate(movie.Title, words, random)).ToArray();
                movies.Add(movie with
                {
                    Id = movie.Id + (copy * 1_000_000),
                    Title = Mutate(movie.Title, words, random),
                    Year = random.Next(1920, 2025),
                    AlternateTitles = alternates,
                });
            }

            copy++;
        }

        return new MovieCatalog("synthetic-" + targetMovies, movies, RatingTable.Empty);
    }

    private static string Mutate(string title, string[] words, Random random)
    {
        var parts = title.Split(' ').ToList();
        var word = words[random.Next(words.Length)];
        if (parts.Count > 1 && random.Next(2) == 0)
        {
            parts[random.Next(parts.Count)] = word;
        }
        else
        {
            parts.Insert(random.Next(parts.Count + 1), word);
        }

        return string.Join(' ', parts);
    }
}
