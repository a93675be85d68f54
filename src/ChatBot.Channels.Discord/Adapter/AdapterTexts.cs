namespace ChatBot.Channels.Discord.Adapter;

/// <summary>The few messages the adapter writes itself, in English and Simplified Chinese.</summary>
internal static class AdapterTexts
{
    public static string ButtonNotValid(string language) => IsChinese(language)
        ? "这个按钮已失效。请重新运行命令。"
        : "This button is no longer valid. Please run the command again.";

    public static string SomethingWentWrong(string language) => IsChinese(language)
        ? "抱歉，处理你的消息时出错了。请稍后再试。"
        : "Sorry, something went wrong while answering. Please try again in a moment.";

    public static string SentByDirectMessage(string language) => IsChinese(language)
        ? "我已通过私信把回复发给你。"
        : "I sent you the answer in a direct message.";

    public static string DirectMessagesClosed(string language) => IsChinese(language)
        ? "这个回复只给你看，但我无法给你发私信。请允许来自服务器成员的私信，或使用斜杠命令。"
        : "This answer is only for you, but I cannot send you a direct message. Allow direct messages from server members, or use the slash command instead.";

    /// <summary>Maps a reply language ("zh") or a Discord locale ("zh-CN", "zh-TW") to the adapter's language.</summary>
    public static string LanguageOf(string? localeOrLanguage) =>
        localeOrLanguage is not null && localeOrLanguage.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";

    private static bool IsChinese(string language) => LanguageOf(language) == "zh";
}
