namespace ChatBot.Channels.Telegram;

/// <summary>
/// The few messages the channel writes itself, when the conversation service cannot reply, in
/// English and Simplified Chinese.
/// </summary>
internal static class ChannelTexts
{
    /// <summary>Returns "zh" for a Chinese locale ("zh", "zh-hans", "zh-CN") and "en" otherwise.</summary>
    public static string LanguageOf(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";

    public static string InternalError(string language) => language == "zh"
        ? "抱歉，我这边出了点问题。请稍后再试。"
        : "Sorry, something went wrong on my side. Please try again in a moment.";

    public static string TextOnly(string language) => language == "zh"
        ? "我只能读懂文字消息。输入 /help 查看我能做什么。"
        : "I can only read text messages. Type /help to see what I can do.";

    public static string InvalidButton(string language) => language == "zh"
        ? "这个按钮已失效，请重新发起请求。"
        : "This button is no longer valid. Please ask again.";
}
