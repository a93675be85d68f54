namespace ChatBot.Conversations.Parsing;

/// <summary>Genres a request asks for: all of <see cref="Required"/> ("romantic comedy"), or any of <see cref="Any"/> ("something for kids").</summary>
public sealed record GenreRequest(IReadOnlyList<string> Required, IReadOnlyList<string> Any)
{
    public static GenreRequest None { get; } = new([], []);

    public bool IsEmpty => Required.Count == 0 && Any.Count == 0;
}

/// <summary>
/// Maps the words people use for genres, in English and Chinese, to MovieLens genre names.
/// Longer phrases are matched first, so "romantic comedy" is Romance and Comedy, not only Comedy.
/// </summary>
public static class GenreVocabulary
{
    // Phrase → (genres required, genres of which any one will do).
    private static readonly (string Phrase, string[] Required, string[] Any)[] Phrases =
    [
        ("romantic comedy", ["Romance", "Comedy"], []),
        ("romantic comedies", ["Romance", "Comedy"], []),
        ("romcom", ["Romance", "Comedy"], []),
        ("rom-com", ["Romance", "Comedy"], []),
        ("浪漫喜剧", ["Romance", "Comedy"], []),
        ("爱情喜剧", ["Romance", "Comedy"], []),
        ("science fiction", ["Sci-Fi"], []),
        ("sci-fi", ["Sci-Fi"], []),
        ("scifi", ["Sci-Fi"], []),
        ("sci fi", ["Sci-Fi"], []),
        ("科幻", ["Sci-Fi"], []),
        ("film noir", ["Film-Noir"], []),
        ("film-noir", ["Film-Noir"], []),
        ("noir", ["Film-Noir"], []),
        ("黑色电影", ["Film-Noir"], []),
        ("comedy", ["Comedy"], []),
        ("comedies", ["Comedy"], []),
        ("funny", ["Comedy"], []),
        ("喜剧", ["Comedy"], []),
        ("搞笑", ["Comedy"], []),
        ("好笑", ["Comedy"], []),
        ("轻松", ["Comedy"], []),
        ("lighthearted", ["Comedy"], []),
        ("light-hearted", ["Comedy"], []),
        ("feel-good", ["Comedy"], []),
        ("action", ["Action"], []),
        ("动作", ["Action"], []),
        ("adventure", ["Adventure"], []),
        ("adventures", ["Adventure"], []),
        ("冒险", ["Adventure"], []),
        ("animation", ["Animation"], []),
        ("animated", ["Animation"], []),
        ("cartoon", ["Animation"], []),
        ("cartoons", ["Animation"], []),
        ("anime", ["Animation"], []),
        ("动画", ["Animation"], []),
        ("children", ["Children"], []),
        ("kids", [], ["Children", "Animation"]),
        ("family", [], ["Children", "Animation"]),
        ("儿童", ["Children"], []),
        ("孩子", [], ["Children", "Animation"]),
        ("crime", ["Crime"], []),
        ("犯罪", ["Crime"], []),
        ("heist", ["Crime"], []),
        ("heists", ["Crime"], []),
        ("劫案", ["Crime"], []),
        ("documentary", ["Documentary"], []),
        ("documentaries", ["Documentary"], []),
        ("纪录片", ["Documentary"], []),
        ("纪录", ["Documentary"], []),
        ("drama", ["Drama"], []),
        ("dramas", ["Drama"], []),
        ("剧情", ["Drama"], []),
        ("fantasy", ["Fantasy"], []),
        ("奇幻", ["Fantasy"], []),
        ("horror", ["Horror"], []),
        ("scary", ["Horror"], []),
        ("恐怖", ["Horror"], []),
        ("musical", ["Musical"], []),
        ("musicals", ["Musical"], []),
        ("歌舞", ["Musical"], []),
        ("音乐剧", ["Musical"], []),
        ("mystery", ["Mystery"], []),
        ("mysteries", ["Mystery"], []),
        ("悬疑", ["Mystery"], []),
        ("romance", ["Romance"], []),
        ("romantic", ["Romance"], []),
        ("love story", ["Romance"], []),
        ("爱情", ["Romance"], []),
        ("浪漫", ["Romance"], []),
        ("thriller", ["Thriller"], []),
        ("thrillers", ["Thriller"], []),
        ("suspense", ["Thriller"], []),
        ("惊悚", ["Thriller"], []),
        ("war", ["War"], []),
        ("战争", ["War"], []),
        ("western", ["Western"], []),
        ("westerns", ["Western"], []),
        ("西部", ["Western"], []),
        ("imax", ["IMAX"], []),
    ];

    /// <summary>
    /// Parses a genre argument such as "comedy", "Sci-Fi", "romantic comedy" or "科幻". Returns false when any
    /// part of the text is not a known genre, so a typo is reported instead of silently ignored.
    /// </summary>
    public static bool TryParseArgument(string argument, IReadOnlyCollection<string> catalogGenres, out GenreRequest request)
    {
        ArgumentNullException.ThrowIfNull(catalogGenres);
        request = GenreRequest.None;
        var rest = (argument ?? string.Empty).Trim().ToLowerInvariant();
        if (rest.Length == 0)
        {
            return true;
        }

        var required = new List<string>();
        var any = new List<string>();
        foreach (var part in rest.Split([',', '/', '+', '&', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = part.EndsWith("movies", StringComparison.Ordinal) ? part[..^"movies".Length].Trim()
                : part.EndsWith("电影", StringComparison.Ordinal) ? part[..^"电影".Length].Trim()
                : part.EndsWith("片", StringComparison.Ordinal) ? part[..^1].Trim()
                : part;
            var exact = catalogGenres.FirstOrDefault(g => string.Equals(g, text, StringComparison.OrdinalIgnoreCase));
            if (exact is not null)
            {
                required.Add(exact);
                continue;
            }

            var phrase = Phrases.FirstOrDefault(p => p.Phrase == text);
            if (phrase.Phrase is null)
            {
                return false;
            }

            required.AddRange(phrase.Required);
            any.AddRange(phrase.Any);
        }

        request = new GenreRequest([.. required.Distinct(StringComparer.Ordinal)], [.. any.Distinct(StringComparer.Ordinal)]);
        return true;
    }

    /// <summary>Finds genre words anywhere in free text ("something funny from the 80s", "推荐几部科幻电影").</summary>
    public static GenreRequest FindInText(string text)
    {
        var lower = (text ?? string.Empty).ToLowerInvariant();
        var required = new List<string>();
        var any = new List<string>();
        var consumed = new bool[lower.Length];
        foreach (var (phrase, requiredGenres, anyGenres) in Phrases.OrderByDescending(p => p.Phrase.Length))
        {
            var index = 0;
            while ((index = lower.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + phrase.Length;
                if (IsWordBoundary(lower, index, end) && !consumed.AsSpan(index, phrase.Length).Contains(true))
                {
                    consumed.AsSpan(index, phrase.Length).Fill(true);
                    required.AddRange(requiredGenres);
                    any.AddRange(anyGenres);
                }

                index = end;
            }
        }

        return new GenreRequest([.. required.Distinct(StringComparer.Ordinal)], [.. any.Distinct(StringComparer.Ordinal)]);
    }

    private static bool IsWordBoundary(string text, int start, int end)
    {
        // Chinese has no spaces between words, so CJK phrases match anywhere.
        if (text[start] > '\u2E80')
        {
            return true;
        }

        var before = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
        var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
        return before && after;
    }
}
