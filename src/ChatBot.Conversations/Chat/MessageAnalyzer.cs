using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Conversations.Parsing;
using ChatBot.Core.Titles;

namespace ChatBot.Conversations.Chat;

/// <summary>
/// Reads a free-text message in English or Chinese. It finds the movies the message names with the
/// opinions attached, genres and moods, decades and years, "like X" and "not Y", and how many movies
/// are wanted, and tells a question about a movie from a request.
/// </summary>
public sealed partial class MessageAnalyzer(ITitleIndex titles)
{
    /// <summary>The latest year "recent" reaches back from; MovieLens' small catalog ends in 2018.</summary>
    private const int RecentYears = 5;

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["a"] = 1, ["two"] = 2, ["couple"] = 2, ["three"] = 3, ["few"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["several"] = 5,
        ["一"] = 1, ["两"] = 2, ["二"] = 2, ["三"] = 3, ["几"] = 3, ["四"] = 4, ["五"] = 5, ["六"] = 6, ["七"] = 7, ["八"] = 8, ["九"] = 9, ["十"] = 10,
    };

    private static readonly Dictionary<string, int> ChineseDecades = new(StringComparer.Ordinal)
    {
        ["五十"] = 1950, ["六十"] = 1960, ["七十"] = 1970, ["八十"] = 1980, ["九十"] = 1990,
        ["五零"] = 1950, ["六零"] = 1960, ["七零"] = 1970, ["八零"] = 1980, ["九零"] = 1990,
    };

    private static readonly Dictionary<string, int> EnglishDecades = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fifties"] = 1950, ["sixties"] = 1960, ["seventies"] = 1970, ["eighties"] = 1980, ["nineties"] = 1990,
    };

    /// <summary>Reads <paramref name="text"/>; <paramref name="latestCatalogYear"/> anchors "recent".</summary>
    public MessageUnderstanding Analyze(string text, int latestCatalogYear)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var mentions = titles.ExtractMentions(text);
        var genres = GenreVocabulary.FindInText(ComparativeMoods().Replace(lower, m => MoodGenre(m.Value)));
        var excludedGenres = FindExcludedGenres(lower);
        if (Kids().IsMatch(lower))
        {
            excludedGenres = [.. excludedGenres.Append("Horror").Distinct(StringComparer.Ordinal)];
        }

        // A genre the person excluded ("no horror") must not also count as requested.
        genres = new GenreRequest(
            [.. genres.Required.Where(g => !excludedGenres.Contains(g))],
            [.. genres.Any.Where(g => !excludedGenres.Contains(g))]);

        var (yearFrom, yearTo) = FindYears(lower, latestCatalogYear);
        var like = new List<int>();
        var excluded = new List<int>();
        var opinions = new List<StatedOpinion>();
        foreach (var found in mentions)
        {
            var mention = WithChineseSentiment(lower, found);
            var before = lower[..mention.Start];
            if (NegatedReference().IsMatch(before))
            {
                excluded.Add(mention.Movie.Id);
            }
            else if (LikeReference().IsMatch(before) || mention.Sentiment == MentionSentiment.Liked)
            {
                like.Add(mention.Movie.Id);
            }

            if (mention.Sentiment != MentionSentiment.Neutral)
            {
                opinions.Add(new StatedOpinion(mention, OpinionHalfStars(lower, mention)));
            }

            // A movie the person names is never recommended back to them in the same reply.
            excluded.Add(mention.Movie.Id);
        }

        var question = FindQuestion(lower, mentions.Count > 0);
        var asksForMovies = RecommendWords().IsMatch(lower) || !genres.IsEmpty || yearFrom is not null || yearTo is not null || like.Count > 0
            || (mentions.Count > 0 && (lower.Contains('?', StringComparison.Ordinal) || lower.Contains('？', StringComparison.Ordinal)) && question == MovieQuestionKind.None);
        var intent = question != MovieQuestionKind.None ? MessageIntent.MovieQuestion
            : asksForMovies ? MessageIntent.Recommend
            : opinions.Count > 0 ? MessageIntent.Opinion
            : SmallTalk().IsMatch(lower) ? MessageIntent.SmallTalk
            : MessageIntent.Unknown;

        return new MessageUnderstanding
        {
            Intent = intent,
            Mentions = mentions,
            Opinions = opinions,
            LikeMovieIds = [.. like.Distinct()],
            ExcludedMovieIds = [.. excluded.Distinct()],
            Genres = genres,
            ExcludedGenres = excludedGenres,
            YearFrom = yearFrom,
            YearTo = yearTo,
            RequestedCount = FindCount(lower),
            Question = question,
        };
    }

    /// <summary>
    /// Reads a Chinese opinion around a mention that the title index left neutral: "我很喜欢 Inception" is
    /// liked, "不喜欢" or "讨厌" disliked. The index reads English opinions itself.
    /// </summary>
    private static TitleMention WithChineseSentiment(string lower, TitleMention mention)
    {
        if (mention.Sentiment != MentionSentiment.Neutral)
        {
            return mention;
        }

        var start = Math.Max(0, mention.Start - 12);
        var end = Math.Min(lower.Length, mention.Start + mention.Length + 12);
        var window = lower[start..mention.Start] + " " + lower[(mention.Start + mention.Length)..end];
        if (ChineseDislike().IsMatch(window))
        {
            return mention with { Sentiment = MentionSentiment.Disliked };
        }

        return ChineseLike().IsMatch(window) ? mention with { Sentiment = MentionSentiment.Liked } : mention;
    }

    private static string MoodGenre(string comparative) => comparative switch
    {
        "funnier" or "lighter" or "sillier" => "funny",
        "scarier" or "creepier" => "scary",
        _ => "romantic",
    };

    private static IReadOnlyList<string> FindExcludedGenres(string lower)
    {
        var excluded = new List<string>();
        foreach (Match match in GenreNegation().Matches(lower))
        {
            var found = GenreVocabulary.FindInText(match.Groups["genre"].Value);
            excluded.AddRange(found.Required);
            excluded.AddRange(found.Any);
        }

        return [.. excluded.Distinct(StringComparer.Ordinal)];
    }

    private static (int? From, int? To) FindYears(string lower, int latestCatalogYear)
    {
        if (Decade().Match(lower) is { Success: true } decade)
        {
            var digits = decade.Groups["digits"].Value;
            var start = digits.Length == 4
                ? int.Parse(digits, CultureInfo.InvariantCulture)
                : int.Parse(digits, CultureInfo.InvariantCulture) + (digits[0] >= '3' ? 1900 : 2000);
            return (start, start + 9);
        }

        foreach (var (word, start) in EnglishDecades)
        {
            if (lower.Contains(word, StringComparison.Ordinal))
            {
                return (start, start + 9);
            }
        }

        foreach (var (word, start) in ChineseDecades)
        {
            if (lower.Contains(word + "年代", StringComparison.Ordinal))
            {
                return (start, start + 9);
            }
        }

        int? from = null;
        int? to = null;
        if (AfterYear().Match(lower) is { Success: true } after)
        {
            from = int.Parse(after.Groups["year"].Value, CultureInfo.InvariantCulture);
        }

        if (BeforeYear().Match(lower) is { Success: true } before)
        {
            to = int.Parse(before.Groups["year"].Value, CultureInfo.InvariantCulture);
        }

        if (from is null && to is null && InYear().Match(lower) is { Success: true } exact)
        {
            var year = int.Parse(exact.Groups["year"].Value, CultureInfo.InvariantCulture);
            return (year, year);
        }

        if (from is null && Recent().IsMatch(lower))
        {
            from = latestCatalogYear - RecentYears;
        }

        if (to is null && Classic().IsMatch(lower))
        {
            to = 1979;
        }

        return (from, to);
    }

    private static int FindCount(string lower)
    {
        if (Count().Match(lower) is { Success: true } match)
        {
            var word = match.Groups["count"].Value;
            var count = int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : NumberWords.GetValueOrDefault(word, 3);
            return Math.Clamp(count, 1, 10);
        }

        return 3;
    }

    private static MovieQuestionKind FindQuestion(string lower, bool namesMovie)
    {
        if (!namesMovie)
        {
            return MovieQuestionKind.None;
        }

        if (YearQuestion().IsMatch(lower))
        {
            return MovieQuestionKind.Year;
        }

        if (GenreQuestion().IsMatch(lower))
        {
            return MovieQuestionKind.Genre;
        }

        return FactQuestion().IsMatch(lower) ? MovieQuestionKind.Other : MovieQuestionKind.None;
    }

    /// <summary>Estimates stars from the words near a mention: "loved" 5, "liked" 4, "didn't like" 2, "hated" 1.</summary>
    private static int OpinionHalfStars(string lower, TitleMention mention)
    {
        var start = Math.Max(0, mention.Start - 40);
        var end = Math.Min(lower.Length, mention.Start + mention.Length + 40);
        var window = lower[start..end];
        if (mention.Sentiment == MentionSentiment.Liked)
        {
            return StrongLike().IsMatch(window) ? 10 : 8;
        }

        return StrongDislike().IsMatch(window) ? 2 : 4;
    }

    [GeneratedRegex(@"\b(funnier|lighter|sillier|scarier|creepier|more romantic)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComparativeMoods();

    [GeneratedRegex(@"\b(kids?|children|family|my son|my daughter)\b|孩子|儿童|小朋友|全家", RegexOptions.CultureInvariant)]
    private static partial Regex Kids();

    [GeneratedRegex(@"(?:\b(?:no|not|without|nothing|except|avoid|hate|don't want|dont want|anything but)\s+(?:a\s+|an\s+|too\s+)?|不要|不想看|别|除了)(?<genre>[\p{L}\-]+(?:\s+[\p{L}\-]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex GenreNegation();

    [GeneratedRegex(@"(?:\b(?:like|similar to|such as|as good as|in the vein of|reminds? me of|along the lines of|same as|comparable to)\s+[""“«'‘]?|像|类似|跟.{0,2}一样)\s*\S*$", RegexOptions.CultureInvariant)]
    private static partial Regex LikeReference();

    [GeneratedRegex(@"(?:\b(?:not|except|other than|but not|nothing like|no|apart from|besides)\s+[""“«'‘]?|除了|不要)\s*\S*$", RegexOptions.CultureInvariant)]
    private static partial Regex NegatedReference();

    [GeneratedRegex(@"(?<![\d])(?:the\s+)?'?(?<digits>(?:19|20)?[0-9]0)'?s\b|(?<digits>(?:19|20)?[0-9]0)\s*年代", RegexOptions.CultureInvariant)]
    private static partial Regex Decade();

    [GeneratedRegex(@"\b(?:after|since|newer than|later than|from)\s+(?<year>(?:19|20)\d\d)\b|(?<year>(?:19|20)\d\d)\s*年?(?:以后|之后|后)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterYear();

    [GeneratedRegex(@"\b(?:before|older than|earlier than|until|up to)\s+(?<year>(?:19|20)\d\d)\b|(?<year>(?:19|20)\d\d)\s*年?(?:以前|之前|前)", RegexOptions.CultureInvariant)]
    private static partial Regex BeforeYear();

    [GeneratedRegex(@"\b(?:in|from|of)\s+(?<year>(?:19|20)\d\d)\b|(?<year>(?:19|20)\d\d)\s*年的", RegexOptions.CultureInvariant)]
    private static partial Regex InYear();

    [GeneratedRegex(@"\b(recent|new|newer|latest|modern)\b|最近|新的|近几年", RegexOptions.CultureInvariant)]
    private static partial Regex Recent();

    [GeneratedRegex(@"\b(classic|classics|old|older|golden age)\b|经典|老电影", RegexOptions.CultureInvariant)]
    private static partial Regex Classic();

    [GeneratedRegex(@"\b(?<count>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|couple|few|several)\s+(?:of\s+)?(?:\w+\s+)?(?:movies?|films?|flicks?|more|picks?|suggestions?|recommendations?|titles?|documentar(?:y|ies)|comed(?:y|ies)|dramas?|thrillers?|westerns?|musicals?|cartoons?|romances?|horrors?|classics?)\b|(?<count>[一两二三四五六七八九十几\d])\s*部", RegexOptions.CultureInvariant)]
    private static partial Regex Count();

    [GeneratedRegex(@"不喜欢|不爱看|讨厌|难看|烂片|无聊|失望", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseDislike();

    [GeneratedRegex(@"喜欢|爱看|超爱|好看|神作|推荐过|很棒|精彩", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseLike();

    [GeneratedRegex(@"\b(recommend|recommendation|suggest|suggestion|something|anything|any\s+(?:good\s+)?(?:movies?|films?)|what should i watch|what to watch|watch|movie night|looking for|in the mood|what else|more like|movies?\b|films?\b)|推荐|想看|有什么|看什么|电影|片子|类似|差不多|同类|还有什么|还有吗|别的", RegexOptions.CultureInvariant)]
    private static partial Regex RecommendWords();

    [GeneratedRegex(@"\b(when (?:was|did)|what year|which year|release date|released|come out|came out)\b|哪一?年|什么时候上映|上映时间", RegexOptions.CultureInvariant)]
    private static partial Regex YearQuestion();

    [GeneratedRegex(@"\b(what genre|which genre|what kind of (?:movie|film)|what type of (?:movie|film))\b|什么类型", RegexOptions.CultureInvariant)]
    private static partial Regex GenreQuestion();

    [GeneratedRegex(@"\b(who (?:directed|is in|stars|starred|plays|played|wrote|made|composed)|director of|cast of|actors? in|how long is|runtime|box office|budget|what is .+ about|what's .+ about|plot of|ending of|oscar|award|sequel to|based on)\b|导演|主演|演员|讲什么|讲的是|剧情|多长|票房|获奖", RegexOptions.CultureInvariant)]
    private static partial Regex FactQuestion();

    [GeneratedRegex(@"^\s*(hi|hello|hey|yo|good (?:morning|evening|afternoon)|thanks|thank you|thx|cheers|bye|你好|您好|嗨|谢谢|多谢|再见)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SmallTalk();

    [GeneratedRegex(@"\b(love|loved|adore|adored|favou?rite|amazing|masterpiece|best|awesome|brilliant|perfect)\b|最喜欢|超爱|神作|太好看", RegexOptions.CultureInvariant)]
    private static partial Regex StrongLike();

    [GeneratedRegex(@"\b(hate|hated|awful|terrible|worst|garbage|unwatchable|horrible)\b|讨厌|烂片|太难看", RegexOptions.CultureInvariant)]
    private static partial Regex StrongDislike();
}
