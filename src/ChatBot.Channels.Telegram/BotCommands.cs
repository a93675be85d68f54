using Telegram.Bot.Types;

namespace ChatBot.Channels.Telegram;

/// <summary>The command menu registered with setMyCommands, in English (the default) and Chinese.</summary>
internal static class BotCommands
{
    /// <summary>The language code Telegram uses for Chinese-speaking users' command menus.</summary>
    public const string ChineseLanguageCode = "zh";

    public static IReadOnlyList<BotCommand> English { get; } =
    [
        Command("start", "Start and see what I can do"),
        Command("help", "Show the commands with examples"),
        Command("rate", "Rate a movie, e.g. /rate Heat 4.5"),
        Command("unrate", "Remove one of your ratings"),
        Command("ratings", "List your ratings"),
        Command("recommend", "Recommend movies for you"),
        Command("similar", "Find movies similar to one you name"),
        Command("forget", "Delete everything stored about you"),
        Command("link", "Link your Telegram and Discord accounts"),
        Command("language", "Choose English or Chinese"),
    ];

    public static IReadOnlyList<BotCommand> Chinese { get; } =
    [
        Command("start", "开始使用，看看我能做什么"),
        Command("help", "查看命令和示例"),
        Command("rate", "给电影评分，例如 /rate Heat 4.5"),
        Command("unrate", "删除你的一条评分"),
        Command("ratings", "查看你的评分"),
        Command("recommend", "为你推荐电影"),
        Command("similar", "查找和某部电影相似的电影"),
        Command("forget", "删除关于你的所有数据"),
        Command("link", "关联你的 Telegram 和 Discord 账号"),
        Command("language", "选择英文或中文"),
    ];

    private static BotCommand Command(string name, string description) => new() { Command = name, Description = description };
}
