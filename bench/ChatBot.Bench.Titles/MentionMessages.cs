using ChatBot.Core.Movies;

namespace ChatBot.Bench.Titles;

/// <summary>A chat message of a fixed word count with the movies it names.</summary>
public sealed record MentionMessage(string Text, IReadOnlyList<int> MovieIds);

/// <summary>
/// Builds chat messages of exactly <c>words</c> words that name two or three well-known catalog movies among
/// everyday words (including "it", "up", "her", "heat"), half with titles as the catalog writes them and half in
/// lower case, for timing mention extraction and checking what it finds.
/// </summary>
public static class MentionMessages
{
    private static readonly string[] Templates =
    [
        "I watched {0} last week and honestly loved it, but {1} was kind of boring compared to {2}",
        "my friends keep telling me to see {0} but I think {1} is better and it was up there with {2}",
        "we saw {0} together and her favourite part was the ending, then we put on {1} because of the heat",
        "not a fan of {0} to be honest, though {1} was great and {2} made us laugh",
        "any films like {0} or {1}? I really want something with the same feel as it had",
    ];

    private static readonly string[] Filler =
        "and then after that we talked about it for a while because it was late and nobody wanted to go home yet so".Split(' ');

    /// <summary>
    /// Builds messages as <see cref="Build"/> does, with every title in lower case and one typing error in one of its
    /// words of six letters or more (a letter changed, left out, doubled or swapped with the next).
    /// </summary>
    /// <param name="severalWords">Whether only titles of two words or more, besides a leading article, are used.</param>
    public static List<MentionMessage> BuildMisspelt(IMovieCatalog catalog, int count, int words, int seed, bool severalWords = false)
    {
        var random = new Random(seed + 1);
        return BuildWith(
            catalog,
            count,
            words,
            seed,
            (title, _) => Misspell(title.ToLowerInvariant(), random),
            m => LongWords(m.Title).Any() && (!severalWords || WordCount(m.Title) >= 2));
    }

    private static int WordCount(string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length - (words.Length > 1 && words[0] is "The" or "A" or "An" ? 1 : 0);
    }

    /// <summary>
    /// Builds one reply per three catalog movies in the shape the reply generator writes,
    /// "Here are some movies you might enjoy: Title (Year), Title (Year) and Title (Year).", from every movie with a
    /// year, in a shuffled order.
    /// </summary>
    public static List<MentionMessage> BuildReplies(IMovieCatalog catalog, int seed)
    {
        var random = new Random(seed);
        var movies = catalog.Movies.Where(m => m.Year is not null).OrderBy(_ => random.Next()).ToArray();
        var replies = new List<MentionMessage>(movies.Length / 3);
        for (var i = 0; i + 3 <= movies.Length; i += 3)
        {
            replies.Add(new MentionMessage(
                $"Here are some movies you might enjoy: {movies[i].DisplayTitle}, {movies[i + 1].DisplayTitle} and {movies[i + 2].DisplayTitle}.",
                [movies[i].Id, movies[i + 1].Id, movies[i + 2].Id]));
        }

        return replies;
    }

    public static List<MentionMessage> Build(IMovieCatalog catalog, int count, int words, int seed)
    {
        return BuildWith(catalog, count, words, seed, (title, message) => message % 2 == 1 ? title.ToLowerInvariant() : title, _ => true);
    }

    private static List<MentionMessage> BuildWith(
        IMovieCatalog catalog, int count, int words, int seed, Func<string, int, string> write, Func<Movie, bool> usable)
    {
        var random = new Random(seed);
        var known = catalog.Movies
            .OrderByDescending(m => catalog.RatingCount(m.Id))
            .Take(300)
            .Where(m => m.Title.Split(' ').Length <= 5 && usable(m))
            .ToArray();
        var messages = new List<MentionMessage>(count);
        while (messages.Count < count)
        {
            var template = Templates[random.Next(Templates.Length)];
            var movies = Enumerable.Range(0, 3).Select(_ => known[random.Next(known.Length)]).ToArray();
            if (movies.Select(m => m.Id).Distinct().Count() < 3)
            {
                continue;
            }

            var titles = movies.Select(m => write(m.Title, messages.Count)).ToArray();
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, titles[0], titles[1], titles[2]);
            var wordList = text.Split(' ').ToList();
            for (var i = 0; wordList.Count < words; i++)
            {
                wordList.Add(Filler[i % Filler.Length]);
            }

            if (wordList.Count > words)
            {
                continue;
            }

            var named = template.Contains("{2}", StringComparison.Ordinal) ? movies : movies[..2];
            messages.Add(new MentionMessage(string.Join(' ', wordList), [.. named.Select(m => m.Id)]));
        }

        return messages;
    }

    private static IEnumerable<(int Start, int Length)> LongWords(string title)
    {
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var letter = i < title.Length && char.IsAsciiLetter(title[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start >= 6)
                {
                    yield return (start, i - start);
                }

                start = -1;
            }
        }
    }

    private static string Misspell(string title, Random random)
    {
        var candidates = LongWords(title).ToArray();
        var (start, length) = candidates[random.Next(candidates.Length)];
        var at = start + random.Next(length - 1);
        var letter = (char)('a' + random.Next(26));
        return random.Next(4) switch
        {
            0 => title[..at] + (letter == title[at] ? (char)('a' + ((letter - 'a' + 1) % 26)) : letter) + title[(at + 1)..],
            1 => title.Remove(at, 1),
            2 => title.Insert(at, title[at].ToString()),
            _ => title[..at] + title[at + 1] + title[at] + title[(at + 2)..],
        };
    }
}
