using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using ChatBot.Core.Movies;

namespace ChatBot.Conversations.Localization;

/// <summary>
/// The bot's messages in one language, read from Messages.resx (English) and Messages.zh-Hans.resx
/// (Simplified Chinese). Catalog titles are passed in unchanged.
/// </summary>
public sealed class BotText
{
    private static readonly ResourceManager Resources = new("ChatBot.Conversations.Localization.Messages", typeof(BotText).Assembly);
    private static readonly ConcurrentDictionary<string, BotText> Cache = new(StringComparer.Ordinal);

    private readonly CultureInfo _culture;

    private BotText(string language)
    {
        Language = language;
        _culture = CultureInfo.GetCultureInfo(language == BotLanguage.Chinese ? "zh-Hans" : "en");
    }

    public string Language { get; }

    public static BotText For(string language) =>
        Cache.GetOrAdd(language == BotLanguage.Chinese ? BotLanguage.Chinese : BotLanguage.English, l => new BotText(l));

    /// <summary>Returns the message stored under a key, formatted with arguments; throws when the key is missing.</summary>
    public string Get(string key, params object[] arguments)
    {
        var template = Resources.GetString(key, _culture)
            ?? throw new KeyNotFoundException($"The message '{key}' is missing from Messages.resx.");
        return arguments.Length == 0 ? template : string.Format(_culture, template, arguments);
    }

    /// <summary>Formats stars as glyphs and number: "★★★★½ 4.5".</summary>
    public static string FormatStars(Stars stars) => $"{stars.ToGlyphs()} {stars}";

    /// <summary>Returns a catalog genre's name in this language ("Comedy" → "喜剧").</summary>
    public string Genre(string genre) =>
        Resources.GetString("Genre_" + genre, _culture) ?? genre;

    public string Help => Get("Help");

    public string Welcome => Get("Welcome");
}
