using ChatBot.Conversations.Localization;
using ChatBot.Conversations.Parsing;

namespace ChatBot.Conversations.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("/rate the matrix 5", "rate", "the matrix 5")]
    [InlineData("/rate@MovieBot heat 4", "rate", "heat 4")]
    [InlineData("  /HELP", "help", "")]
    [InlineData("／ratings 2", "ratings", "2")]
    public void CommandText_TryParse_ReadsNameAndArguments(string text, string name, string arguments)
    {
        Assert.True(CommandText.TryParse(text, out var command));
        Assert.Equal(name, command.Name);
        Assert.Equal(arguments, command.Arguments);
    }

    [Theory]
    [InlineData("rate 2 4.5")]
    [InlineData("/")]
    [InlineData("/ rate")]
    [InlineData("a /rate")]
    public void CommandText_TryParse_RejectsNonCommands(string text)
    {
        Assert.False(CommandText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("comedy", new[] { "Comedy" }, new string[0])]
    [InlineData("Sci-Fi", new[] { "Sci-Fi" }, new string[0])]
    [InlineData("romantic comedy", new[] { "Romance", "Comedy" }, new string[0])]
    [InlineData("科幻", new[] { "Sci-Fi" }, new string[0])]
    [InlineData("喜剧片", new[] { "Comedy" }, new string[0])]
    [InlineData("horror movies", new[] { "Horror" }, new string[0])]
    [InlineData("kids", new string[0], new[] { "Children", "Animation" })]
    [InlineData("action, thriller", new[] { "Action", "Thriller" }, new string[0])]
    public void GenreVocabulary_TryParseArgument_MapsToCatalogGenres(string argument, string[] required, string[] any)
    {
        Assert.True(GenreVocabulary.TryParseArgument(argument, ConversationHarness.Catalog.Genres, out var request));
        Assert.Equal(required, request.Required);
        Assert.Equal(any, request.Any);
    }

    [Theory]
    [InlineData("comdy")]
    [InlineData("comedy, zzz")]
    public void GenreVocabulary_TryParseArgument_RejectsUnknownWords(string argument)
    {
        Assert.False(GenreVocabulary.TryParseArgument(argument, ConversationHarness.Catalog.Genres, out _));
    }

    [Theory]
    [InlineData("something funny from the 80s", new[] { "Comedy" })]
    [InlineData("推荐几部科幻电影", new[] { "Sci-Fi" })]
    [InlineData("a romantic comedy please", new[] { "Romance", "Comedy" })]
    [InlineData("a scary movie", new[] { "Horror" })]
    [InlineData("nothing with a genre", new string[0])]
    [InlineData("the warden of the prison", new string[0])]
    public void GenreVocabulary_FindInText_FindsGenreWords(string text, string[] required)
    {
        Assert.Equal(required, GenreVocabulary.FindInText(text).Required);
    }

    [Theory]
    [InlineData("hi @everyone", "hi @\u200Beveryone")]
    [InlineData("@here now", "@\u200Bhere now")]
    [InlineData("ping <@&123456> and <@!42> in <#7>", "ping <\u200B@&123456> and <\u200B@!42> in <\u200B#7>")]
    [InlineData("email@everyone.example", "email@\u200Beveryone.example")]
    public void UserText_NeutraliseMentions_BreaksCrowdPings(string text, string expected)
    {
        Assert.Equal(expected, UserText.NeutraliseMentions(text));
    }

    [Fact]
    public void UserText_Clean_RemovesControlAndBidiCharacters()
    {
        var cleaned = UserText.Clean("a\u202Eb\u0007c\u2066d\r\ne\tf");

        Assert.Equal("abcd\ne f", cleaned);
    }

    [Fact]
    public void UserText_Clean_ReplacesLoneSurrogates()
    {
        var cleaned = UserText.Clean("bad \uD800 pair 😀");

        Assert.Equal("bad \uFFFD pair 😀", cleaned);
    }

    [Fact]
    public void UserText_Quote_CutsLongTextOnTextElements()
    {
        var quoted = UserText.Quote(new string('x', 79) + "👍🏽 tail", 81);

        Assert.EndsWith("…", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', quoted);
        Assert.True(quoted.Length <= 81);
    }

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("zh-hans", "zh")]
    [InlineData("zh_TW", "zh")]
    [InlineData("zh", "zh")]
    [InlineData("en-US", "en")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public void BotLanguage_FromLocale_PicksLanguage(string? locale, string language)
    {
        Assert.Equal(language, BotLanguage.FromLocale(locale));
    }

    [Theory]
    [InlineData("推荐几部科幻电影", "en-US", "zh")]
    [InlineData("/recommend 科幻", "en-US", "zh")]
    [InlineData("/rate the matrix 5", "zh-CN", "zh")]
    [InlineData("/rate heat 火 5", "en", "en")]
    [InlineData("something funny", null, "en")]
    public void BotLanguage_ForMessage_PrefersChineseText(string text, string? locale, string language)
    {
        Assert.Equal(language, BotLanguage.ForMessage(text, locale));
    }

    [Theory]
    [InlineData("r:2571:9")]
    [InlineData("s:1")]
    [InlineData("n:193609")]
    [InlineData("c:0")]
    [InlineData("y")]
    [InlineData("x")]
    public void ActionPayload_TryParse_AcceptsOwnPayloads(string payload)
    {
        Assert.True(ActionPayload.TryParse(payload, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("r:2571")]
    [InlineData("r:2571:11")]
    [InlineData("r:2571:0")]
    [InlineData("r:-5:4")]
    [InlineData("r:99999999999:4")]
    [InlineData("z:1")]
    [InlineData("c:1000")]
    [InlineData("s:1:2")]
    [InlineData("r:1:1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void ActionPayload_TryParse_RejectsForgedPayloads(string payload)
    {
        Assert.False(ActionPayload.TryParse(payload, out _));
    }
}
