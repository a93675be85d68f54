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

    public static List<MentionMessage> Build(IMovieCatalog catalog, int count, int words, int seed)
    {
        var random = new Random(seed);
        var known = catalog.Movies
            .OrderByDescending(m => catalog.RatingCount(m.Id))
            .Take(300)
            .Where(m => m.Title.Split(' ').Length <= 5)
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

            var lowerCase = messages.Count % 2 == 1;
            var titles = movies.Select(m => lowerCase ? m.Title.ToLowerInvariant() : m.Title).ToArray();
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
}
