namespace ChatBot.Conversations.Localization;

/// <summary>The languages the bot writes: English and Simplified Chinese.</summary>
public static class BotLanguage
{
    public const string English = "en";
    public const string Chinese = "zh";

    /// <summary>
    /// Maps a platform locale ("zh-CN", "zh-hans", "zh_TW", "en-US") to a bot language. Every Chinese
    /// locale gets Simplified Chinese, the only Chinese the bot writes; anything else gets English.
    /// </summary>
    public static string FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return English;
        }

        var primary = locale.Trim().Split('-', '_')[0];
        return string.Equals(primary, "zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
    }

    /// <summary>
    /// Picks the reply language for a message: Chinese when the text is mostly Chinese characters,
    /// otherwise the platform locale's language. A person's /language choice overrides both.
    /// </summary>
    public static string ForMessage(string? text, string? locale)
    {
        var han = 0;
        var letters = 0;
        var body = (text ?? string.Empty).TrimStart();
        if (body.StartsWith('/'))
        {
            // The command name is always English and says nothing about the person's language.
            var space = body.IndexOf(' ', StringComparison.Ordinal);
            body = space < 0 ? string.Empty : body[space..];
        }

        foreach (var c in body)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
            {
                han++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        // One Chinese character carries about as much as a short English word.
        return han > 0 && han * 3 >= letters ? Chinese : FromLocale(locale);
    }

    /// <summary>Returns the language a /language argument names, "auto" for the platform locale, or null when unknown.</summary>
    public static string? Parse(string? argument)
    {
        var value = (argument ?? string.Empty).Trim().ToLowerInvariant();
        return value switch
        {
            "en" or "english" or "英文" or "英语" => English,
            "zh" or "zh-cn" or "zh-hans" or "chinese" or "中文" or "汉语" or "简体中文" => Chinese,
            "auto" or "default" or "自动" => "auto",
            _ => null,
        };
    }
}
