namespace ChatBot.Language.Templates;

/// <summary>Simplified Chinese names of the MovieLens genres.</summary>
internal static class GenreNames
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Action"] = "动作",
        ["Adventure"] = "冒险",
        ["Animation"] = "动画",
        ["Children"] = "儿童",
        ["Comedy"] = "喜剧",
        ["Crime"] = "犯罪",
        ["Documentary"] = "纪录",
        ["Drama"] = "剧情",
        ["Fantasy"] = "奇幻",
        ["Film-Noir"] = "黑色",
        ["Horror"] = "恐怖",
        ["Musical"] = "歌舞",
        ["Mystery"] = "悬疑",
        ["Romance"] = "爱情",
        ["Sci-Fi"] = "科幻",
        ["Thriller"] = "惊悚",
        ["War"] = "战争",
        ["Western"] = "西部",
        ["IMAX"] = "IMAX",
    };

    /// <summary>Returns the genre's name in the language ("en" keeps the MovieLens name).</summary>
    public static string Localize(string genre, bool chinese) =>
        chinese && Chinese.TryGetValue(genre, out var name) ? name : genre;

    public static bool IsKnown(string genre) => Chinese.ContainsKey(genre);
}
