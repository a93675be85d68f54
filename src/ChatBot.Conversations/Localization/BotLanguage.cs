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
