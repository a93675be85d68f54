using System.Globalization;
using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Core.Movies;
using ChatBot.Language.Prompts;
using ChatBot.Language.Templates;

namespace ChatBot.Language.Corpora;

/// <summary>
/// Synthesises recommendation dialogues from a catalog and its public ratings, so a useful model can be
/// trained without dialogue data: genre, mood and decade requests, "I liked X, what else?", open
/// requests, follow-ups and small talk, in English and Simplified Chinese. Each example's liked and
/// disliked titles come from one catalog user's ratings, its candidates from well-rated movies that fit
/// the request (drawn with noise, as a recommender's list would vary), and its reply names the first
/// candidates as "Title (Year)".
/// </summary>
public sealed class SyntheticDialogues
{
    /// <summary>Movies with fewer public ratings are never candidates, so replies name known films.</summary>
    public const int MinRatingsForCandidate = 5;

    private const double DampingRatings = 10;

    private readonly IMovieCatalog _catalog;
    private readonly List<Movie> _ranked;
    private readonly Dictionary<string, List<Movie>> _rankedByGenre;
    private readonly Dictionary<int, double> _score;
    private readonly List<string> _genres;
    private readonly int[] _trainingUsers;
    private readonly int[] _heldOutUsers;
    private readonly Dictionary<int, List<(int MovieId, float Stars)>> _userRatings;

    public SyntheticDialogues(IMovieCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        var ratings = catalog.Ratings;
        var sums = new Dictionary<int, (double Sum, int Count)>();
        _userRatings = [];
        double total = 0;
        for (var i = 0; i < ratings.Count; i++)
        {
            var (sum, count) = sums.GetValueOrDefault(ratings.MovieIds[i]);
            sums[ratings.MovieIds[i]] = (sum + ratings.Stars[i], count + 1);
            total += ratings.Stars[i];
            if (!_userRatings.TryGetValue(ratings.UserIds[i], out var list))
            {
                _userRatings[ratings.UserIds[i]] = list = [];
            }

            list.Add((ratings.MovieIds[i], ratings.Stars[i]));
        }

        var mean = ratings.Count > 0 ? total / ratings.Count : 3.5;
        _score = [];
        foreach (var (movieId, (sum, count)) in sums)
        {
            _score[movieId] = (sum + (DampingRatings * mean)) / (count + DampingRatings);
        }

        _ranked = [.. catalog.Movies
            .Where(m => m.Year is not null && sums.GetValueOrDefault(m.Id).Count >= MinRatingsForCandidate)
            .OrderByDescending(m => _score[m.Id])
            .ThenBy(m => m.Id)];
        if (_ranked.Count == 0)
        {
            // A catalog without public ratings still yields dialogues, naming movies in catalog order.
            _ranked = [.. catalog.Movies.Where(m => m.Year is not null)];
            foreach (var movie in _ranked)
            {
                _score[movie.Id] = mean;
            }
        }

        _rankedByGenre = _ranked
            .SelectMany(m => m.Genres.Select(g => (Genre: g, Movie: m)))
            .Where(x => GenreNames.IsKnown(x.Genre) && x.Genre != "IMAX")
            .GroupBy(x => x.Genre, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() >= 3)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Movie).ToList(), StringComparer.OrdinalIgnoreCase);
        _genres = [.. _rankedByGenre.Keys.Order(StringComparer.Ordinal)];

        var users = _userRatings.Keys.Order().ToArray();
        _trainingUsers = [.. users.Where(u => !IsHeldOutUser(u))];
        _heldOutUsers = [.. users.Where(IsHeldOutUser)];
    }

    /// <summary>Gets how many movies can be candidates.</summary>
    public int CandidateMovieCount => _ranked.Count;

    /// <summary>Returns true for catalog users kept out of training, whose profiles make held-out prompts.</summary>
    public static bool IsHeldOutUser(int userId) => userId % 10 == 0;

    /// <summary>Generates dialogues; the same seed gives the same dialogues.</summary>
    /// <param name="heldOut">True to build profiles only from held-out users (for evaluation prompts).</param>
    /// <param name="chineseShare">The share of dialogues in Simplified Chinese, 0 to 1.</param>
    public IEnumerable<DialogueExample> Generate(int count, int seed, bool heldOut = false, double chineseShare = 0.25)
    {
        if (_ranked.Count == 0)
        {
            throw new InvalidOperationException($"The catalog '{_catalog.Name}' has no movies with a year, so no dialogues can be synthesised.");
        }

        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return GenerateOne(random, heldOut, random.NextDouble() < chineseShare);
        }
    }

    private DialogueExample GenerateOne(Random random, bool heldOut, bool chinese)
    {
        var profile = DrawProfile(random, heldOut);
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.24 => GenreRequest(random, chinese, profile),
            < 0.38 => MoodRequest(random, chinese, profile),
            < 0.52 => DecadeRequest(random, chinese, profile),
            < 0.68 => LikeRequest(random, chinese, profile),
            < 0.82 => OpenRequest(random, chinese, profile),
            < 0.93 => FollowUp(random, chinese, profile),
            _ => SmallTalk(random, chinese),
        };
    }

    private sealed record Profile(List<RatedTitle> Liked, List<RatedTitle> Disliked, HashSet<int> Rated);

    private Profile DrawProfile(Random random, bool heldOut)
    {
        var users = heldOut ? _heldOutUsers : _trainingUsers;

        // One in five people is new and has rated nothing yet.
        if (users.Length == 0 || random.NextDouble() < 0.2)
        {
            return new Profile([], [], []);
        }

        var ratings = _userRatings[users[random.Next(users.Length)]];
        var rated = ratings.Select(r => r.MovieId).ToHashSet();
        var liked = ratings.Where(r => r.Stars >= 4).OrderBy(_ => random.Next()).Take(random.Next(1, 4))
            .OrderByDescending(r => r.Stars).Select(Rated).OfType<RatedTitle>().ToList();
        var disliked = ratings.Where(r => r.Stars <= 2).OrderBy(_ => random.Next()).Take(random.Next(0, 3))
            .OrderBy(r => r.Stars).Select(Rated).OfType<RatedTitle>().ToList();
        return new Profile(liked, disliked, rated);
    }

    private RatedTitle? Rated((int MovieId, float Stars) rating) =>
        _catalog.Find(rating.MovieId) is { } movie ? new RatedTitle(movie.Id, movie.DisplayTitle, rating.Stars) : null;

    private DialogueExample GenreRequest(Random random, bool chinese, Profile profile)
    {
        var genre = _genres[random.Next(_genres.Count)];
        var name = GenreNames.Localize(genre, chinese);
        var message = chinese
            ? Pick(random, $"推荐几部{name}电影", $"有什么好看的{name}片吗？", $"我想看{name}电影。", $"给我推荐一部{name}电影吧")
            : Pick(random, $"Can you recommend some good {Lower(genre)} movies?", $"I'm in the mood for a {Lower(genre)} movie.", $"Any {Lower(genre)} films you'd suggest?", $"What are the best {Lower(genre)} movies?", $"suggest a {Lower(genre)} movie please");
        var summary = chinese ? $"{name}电影" : $"{Lower(genre)} movies";
        var pool = _rankedByGenre[genre];
        return Recommend(random, chinese, profile, message, summary, pool, genre);
    }

    private DialogueExample MoodRequest(Random random, bool chinese, Profile profile)
    {
        var moods = new (string Genre, string[] English, string[] Chinese, string EnglishSummary, string ChineseSummary)[]
        {
            ("Comedy", ["Something funny, please.", "I need a movie that will make me laugh.", "Any good comedies?"], ["来点搞笑的电影", "想看一部好笑的电影"], "funny movies", "搞笑电影"),
            ("Horror", ["I want a scary movie.", "Something creepy for tonight?"], ["想看一部吓人的电影", "推荐一部恐怖片"], "scary movies", "恐怖电影"),
            ("Romance", ["A romantic movie for date night?", "Something romantic please."], ["推荐一部浪漫的电影", "适合约会看的电影有哪些？"], "romantic movies", "浪漫电影"),
            ("Action", ["I want something exciting with lots of action.", "Give me an action-packed movie."], ["想看刺激的动作片", "来一部紧张刺激的电影"], "exciting action movies", "刺激的动作片"),
            ("Children", ["Something my kids can watch?", "A family movie for the weekend?"], ["有没有适合孩子看的电影？", "推荐一部适合全家看的电影"], "family movies", "适合全家看的电影"),
            ("Sci-Fi", ["Something mind-bending and futuristic?", "I'd like a smart science fiction movie."], ["想看一部烧脑的科幻片", "推荐几部科幻电影"], "science fiction movies", "科幻电影"),
            ("Drama", ["A movie that will make me cry?", "Something moving and serious."], ["想看一部感人的电影", "推荐一部感人的剧情片"], "moving dramas", "感人的剧情片"),
            ("Thriller", ["A tense thriller, please.", "Something suspenseful?"], ["想看紧张的惊悚片", "推荐一部悬念十足的电影"], "thrillers", "惊悚片"),
        };
        var available = moods.Where(m => _rankedByGenre.ContainsKey(m.Genre)).ToList();
        if (available.Count == 0)
        {
            return OpenRequest(random, chinese, profile);
        }

        var mood = available[random.Next(available.Count)];
        var message = chinese ? Pick(random, mood.Chinese) : Pick(random, mood.English);
        return Recommend(random, chinese, profile, message, chinese ? mood.ChineseSummary : mood.EnglishSummary, _rankedByGenre[mood.Genre], mood.Genre);
    }

    private DialogueExample DecadeRequest(Random random, bool chinese, Profile profile)
    {
        var decades = _ranked.Select(m => m.Year!.Value / 10 * 10).Where(d => d >= 1930).Distinct().Order().ToList();
        var decade = decades.Count > 0 ? decades[random.Next(decades.Count)] : 1990;
        var withGenre = random.NextDouble() < 0.6;
        var genre = withGenre ? _genres[random.Next(_genres.Count)] : null;
        var pool = (genre is null ? _ranked : _rankedByGenre[genre]).Where(m => m.Year / 10 * 10 == decade).ToList();
        if (pool.Count == 0)
        {
            pool = [.. _ranked.Where(m => m.Year / 10 * 10 == decade)];
            genre = null;
        }

        var shortDecade = (decade % 100).ToString("00", CultureInfo.InvariantCulture) + "s";
        string message;
        string summary;
        if (chinese)
        {
            var kind = genre is null ? "电影" : GenreNames.Localize(genre, true) + "电影";
            message = Pick(random, $"推荐几部{decade % 100:00}年代的{kind}", $"有什么{decade}年代的好{kind}吗？");
            summary = $"{decade}年代的{kind}";
        }
        else
        {
            var kind = genre is null ? "movies" : Lower(genre) + " movies";
            message = Pick(random, $"Any good {shortDecade} {kind}?", $"Recommend some {kind} from the {decade}s.", $"I love {shortDecade} {kind}, what should I watch?");
            summary = $"{kind} from the {decade}s";
        }

        return Recommend(random, chinese, profile, message, summary, pool, genre);
    }

    private DialogueExample LikeRequest(Random random, bool chinese, Profile profile)
    {
        var source = _ranked[random.Next(Math.Min(_ranked.Count, 800))];
        var liked = profile.Liked.Where(l => l.MovieId != source.Id).Take(3).ToList();
        liked.Insert(0, new RatedTitle(source.Id, source.DisplayTitle, 5));
        var rated = new HashSet<int>(profile.Rated) { source.Id };
        var withLiked = profile with { Liked = liked, Rated = rated };

        var genres = source.Genres.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pool = _ranked
            .Where(m => m.Id != source.Id)
            .Select(m => (Movie: m, Shared: m.Genres.Count(genres.Contains)))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared)
            .ThenByDescending(x => _score[x.Movie.Id])
            .Take(60)
            .Select(x => x.Movie)
            .ToList();
        var message = chinese
            ? Pick(random, $"我很喜欢{ReplyTemplates.Quote(source.DisplayTitle)}，还有类似的吗？", $"有没有像{ReplyTemplates.Quote(source.DisplayTitle)}那样的电影？", $"刚看了{ReplyTemplates.Quote(source.DisplayTitle)}，太棒了，接下来看什么？")
            : Pick(random, $"I loved {source.DisplayTitle}, what else should I watch?", $"Something like {source.DisplayTitle}?", $"I really enjoyed {source.DisplayTitle}. Any similar movies?", $"just watched {source.Title} and it was great. what next?");
        var summary = chinese ? $"类似{ReplyTemplates.Quote(source.DisplayTitle)}的电影" : $"movies like {source.DisplayTitle}";
        return Recommend(random, chinese, withLiked, message, summary, pool, genre: null, because: source);
    }

    private DialogueExample OpenRequest(Random random, bool chinese, Profile profile)
    {
        var likedGenres = profile.Liked
            .SelectMany(l => _catalog.Find(l.MovieId)?.Genres ?? [])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pool = likedGenres.Count == 0
            ? _ranked.Take(200).ToList()
            : [.. _ranked.Where(m => m.Genres.Any(likedGenres.Contains)).Take(200)];
        var message = chinese
            ? Pick(random, "今晚看什么好？", "推荐一部电影吧", "有什么好电影推荐吗？", "我好无聊，推荐点电影")
            : Pick(random, "What should I watch tonight?", "Recommend me a movie.", "Any suggestions?", "I'm bored, what's good?", "Got any movie recommendations for me?");
        return Recommend(random, chinese, profile, message, summary: null, pool, genre: null);
    }

    private DialogueExample FollowUp(Random random, bool chinese, Profile profile)
    {
        var first = GenreRequest(random, chinese, profile);
        var shown = first.Request.Candidates.Take(first.Request.RequestedCount).ToList();
        var remaining = first.Request.Candidates.Skip(shown.Count).ToList();
        var history = new List<ConversationTurn>
        {
            new(TurnSpeaker.Person, first.Request.UserMessage, DateTimeOffset.UnixEpoch, []),
            new(TurnSpeaker.Bot, first.Response, DateTimeOffset.UnixEpoch, [.. shown.Select(c => c.MovieId)]),
        };
        var message = chinese
            ? Pick(random, "还有别的吗？", "再推荐几部", "这些我都看过了，还有吗？")
            : Pick(random, "Any more?", "What else?", "I've seen those. Anything else?", "more please");
        if (remaining.Count == 0)
        {
            var none = new ReplyGenerationRequest { Language = Language(chinese), UserMessage = message, History = history, Liked = profile.Liked, Disliked = profile.Disliked, RequestSummary = first.Request.RequestSummary };
            return new DialogueExample(none, ReplyTemplates.Write(none, random));
        }

        var request = first.Request with
        {
            UserMessage = message,
            History = history,
            Candidates = remaining,
            RequestedCount = Math.Min(remaining.Count, first.Request.RequestedCount),
        };
        return new DialogueExample(request, ReplyTemplates.Write(request, random));
    }

    private static DialogueExample SmallTalk(Random random, bool chinese)
    {
        var thanks = random.NextDouble() < 0.5;
        var message = (chinese, thanks) switch
        {
            (false, false) => Pick(random, "hi", "Hello!", "hey there", "Good evening"),
            (false, true) => Pick(random, "thanks!", "Thank you, that helps.", "great, thanks"),
            (true, false) => Pick(random, "你好", "嗨", "晚上好"),
            (true, true) => Pick(random, "谢谢！", "太好了，谢谢", "多谢"),
        };
        var request = new ReplyGenerationRequest { Language = Language(chinese), UserMessage = message, RequestedCount = 0 };
        return new DialogueExample(request, ReplyTemplates.SmallTalk(chinese, thanks, random));
    }

    private DialogueExample Recommend(
        Random random, bool chinese, Profile profile, string message, string? summary, IReadOnlyList<Movie> pool, string? genre, Movie? because = null)
    {
        var requested = Pick(random, 1, 2, 3, 3, 3, 4);
        var candidateCount = Math.Min(8, requested + random.Next(0, 4));

        // Rank the fitting, unrated movies by score plus noise, as a recommender's list varies by person.
        var candidates = pool
            .Where(m => !profile.Rated.Contains(m.Id))
            .Take(80)
            .Select(m => (Movie: m, Key: _score[m.Id] + (random.NextDouble() * 0.6)))
            .OrderByDescending(x => x.Key)
            .Take(candidateCount)
            .Select(x => new CandidateTitle(x.Movie.Id, x.Movie.DisplayTitle, x.Movie.Genres, Reason(random, chinese, x.Movie, profile, genre, because)))
            .ToList();
        var request = new ReplyGenerationRequest
        {
            Language = Language(chinese),
            UserMessage = message,
            Liked = profile.Liked,
            Disliked = profile.Disliked,
            Candidates = candidates,
            RequestedCount = Math.Min(requested, candidates.Count),
            RequestSummary = summary,
        };
        return new DialogueExample(request, ReplyTemplates.Write(request, random));
    }

    private string? Reason(Random random, bool chinese, Movie movie, Profile profile, string? genre, Movie? because)
    {
        var roll = random.NextDouble();
        if (because is not null && roll < 0.6)
        {
            return chinese ? $"因为你喜欢{ReplyTemplates.Quote(because.DisplayTitle)}" : $"because you liked {because.DisplayTitle}";
        }

        var match = profile.Liked.FirstOrDefault(l => _catalog.Find(l.MovieId)?.Genres.Any(movie.Genres.Contains) == true);
        if (match is not null && roll < 0.5)
        {
            return chinese
                ? $"因为你给{ReplyTemplates.Quote(match.DisplayTitle)}打了{PromptText.Stars(match.Stars)}"
                : $"because you rated {match.DisplayTitle} {PromptText.Stars(match.Stars)}";
        }

        if (roll < 0.75)
        {
            var shownGenre = genre ?? movie.Genres.FirstOrDefault(GenreNames.IsKnown);
            return shownGenre is null
                ? (chinese ? "评分很高" : "highly rated")
                : (chinese ? $"热门{GenreNames.Localize(shownGenre, true)}电影" : $"a popular {Lower(shownGenre)} pick");
        }

        return null;
    }

    private static string Language(bool chinese) => chinese ? "zh" : "en";

    private static string Lower(string genre) => genre.ToLowerInvariant();

    private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];
}
