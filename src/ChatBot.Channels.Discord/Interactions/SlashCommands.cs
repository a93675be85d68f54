using ChatBot.Channels.Discord.Models;

namespace ChatBot.Channels.Discord.Interactions;

/// <summary>The bot's slash commands with English (en-US) and Simplified Chinese (zh-CN) names and descriptions.</summary>
internal static class SlashCommands
{
    /// <summary>The option that takes a movie title, filled in by autocomplete.</summary>
    public const string TitleOption = "title";

    /// <summary>Commands whose replies only the invoking user should see, so their deferral is ephemeral.</summary>
    public static IReadOnlySet<string> PrivateCommands { get; } = new HashSet<string>(StringComparer.Ordinal) { "ratings", "forget", "link", "language" };

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        Command("rate", "评分", "Rate a movie from ½ to 5 stars", "给一部电影打分（½ 到 5 星）",
        [
            Title("The movie to rate", "要评分的电影"),
            new CommandOption
            {
                Type = CommandOptionType.Number,
                Name = "stars",
                NameLocalizations = Chinese("星级"),
                Description = "Your rating",
                DescriptionLocalizations = Chinese("你的评分"),
                Required = true,
                Choices = StarChoices(),
            },
        ]),
        Command("unrate", "取消评分", "Remove your rating of a movie", "删除你对一部电影的评分", [Title("The movie whose rating to remove", "要删除评分的电影")]),
        Command("ratings", "我的评分", "List your ratings (only you see them)", "列出你的评分（仅你可见）",
        [
            new CommandOption
            {
                Type = CommandOptionType.Integer,
                Name = "page",
                NameLocalizations = Chinese("页码"),
                Description = "The page of the list, from 1",
                DescriptionLocalizations = Chinese("列表的页码，从 1 开始"),
                MinValue = 1,
            },
        ]),
        Command("recommend", "推荐", "Get movie recommendations", "获取电影推荐",
        [
            new CommandOption
            {
                Type = CommandOptionType.String,
                Name = "genre",
                NameLocalizations = Chinese("类型"),
                Description = "A genre or mood, such as comedy or sci-fi",
                DescriptionLocalizations = Chinese("类型或心情，例如喜剧或科幻"),
                MaxLength = 100,
            },
        ]),
        Command("similar", "相似", "Find movies similar to one you name", "查找与某部电影相似的电影", [Title("The movie to compare with", "用于比较的电影")]),
        Command("forget", "忘记我", "Delete everything the bot stores about you", "删除机器人保存的关于你的所有数据", []),
        Command("link", "关联", "Link your accounts on several platforms", "关联你在多个平台上的账号",
        [
            new CommandOption
            {
                Type = CommandOptionType.String,
                Name = "code",
                NameLocalizations = Chinese("代码"),
                Description = "A link code from another platform; leave empty to get a new code",
                DescriptionLocalizations = Chinese("来自其他平台的关联代码；留空以获取新代码"),
                MaxLength = 32,
            },
        ]),
        Command("language", "语言", "Choose the bot's language", "选择机器人的语言",
        [
            new CommandOption
            {
                Type = CommandOptionType.String,
                Name = "language",
                NameLocalizations = Chinese("语言"),
                Description = "The language of the bot's replies",
                DescriptionLocalizations = Chinese("机器人回复所用的语言"),
                Required = true,
                Choices =
                [
                    new CommandChoice { Name = "English", Value = "en" },
                    new CommandChoice { Name = "简体中文", Value = "zh" },
                    new CommandChoice { Name = "Follow my Discord language", NameLocalizations = Chinese("跟随我的 Discord 语言"), Value = "auto" },
                ],
            },
        ]),
    ];

    private static ApplicationCommand Command(string name, string chineseName, string description, string chineseDescription, IReadOnlyList<CommandOption> options) => new()
    {
        Name = name,
        NameLocalizations = Chinese(chineseName),
        Description = description,
        DescriptionLocalizations = Chinese(chineseDescription),
        Options = options,

        // Usable in guilds (0) and in direct messages with the bot (1), for a guild install (0).
        Contexts = [0, 1],
        IntegrationTypes = [0],
    };

    private static CommandOption Title(string description, string chineseDescription) => new()
    {
        Type = CommandOptionType.String,
        Name = TitleOption,
        NameLocalizations = Chinese("片名"),
        Description = description,
        DescriptionLocalizations = Chinese(chineseDescription),
        Required = true,
        Autocomplete = true,
        MaxLength = 200,
    };

    private static List<CommandChoice> StarChoices()
    {
        var choices = new List<CommandChoice>();
        for (var halfStars = 10; halfStars >= 1; halfStars--)
        {
            var stars = halfStars / 2.0;
            var glyphs = new string('★', halfStars / 2) + (halfStars % 2 == 1 ? "½" : string.Empty);
            choices.Add(new CommandChoice
            {
                Name = $"{glyphs} ({stars.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)})",
                Value = stars,
            });
        }

        return choices;
    }

    private static Dictionary<string, string> Chinese(string text) => new(StringComparer.Ordinal) { ["zh-CN"] = text };
}
