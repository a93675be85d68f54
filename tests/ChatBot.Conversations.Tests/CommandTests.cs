using ChatBot.Core.Messaging;

namespace ChatBot.Conversations.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task Rate_ValidTitleAndStars_StoresRating()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/rate the matrix 4.5");

        Assert.Contains("The Matrix (1999)", reply.Text, StringComparison.Ordinal);
        Assert.Equal(4.5, harness.StoredRatings()[2571]);
    }

    [Fact]
    public async Task Rate_AgainWithOtherStars_ReplacesAndSaysWhatItWas()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate the matrix 4");

        var reply = await harness.SendAsync("/rate matrix ★★★★★");

        Assert.Contains("was ★★★★ 4", reply.Text, StringComparison.Ordinal);
        Assert.Equal(5, harness.StoredRatings()[2571]);
    }

    [Theory]
    [InlineData("/rate", "/rate The Matrix 4.5")]
    [InlineData("/rate the matrix", "How many stars for \"the matrix\"?")]
    [InlineData("/rate 5", "Which movie?")]
    [InlineData("/rate the matrix 7", "7 stars is not a valid rating")]
    [InlineData("/rate the matrix 0", "0 stars is not a valid rating")]
    [InlineData("/rate the matrix 4.3", "4.3 is between half-star steps")]
    [InlineData("/rate the matrix great", "/rate the matrix great 4")]
    [InlineData("/rate the matrix 4/7", "\"4/7\" is not a rating")]
    [InlineData("/rate zzzzqqq 3", "couldn't find a movie called \"zzzzqqq\"")]
    public async Task Rate_BadInput_ExplainsAndStoresNothing(string text, string expected)
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync(text);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
    }

    [Fact]
    public async Task Rate_AmbiguousTitle_AsksWhichAndStoresTheChoice()
    {
        using var harness = new ConversationHarness();

        var question = await harness.SendAsync("/rate dune 4");
        var answer = await harness.SendAsync("1");

        Assert.Equal(ReplyKind.Question, question.Kind);
        Assert.Equal(["Dune (1984)", "Dune (2000)"], question.Movies.Select(m => m.DisplayTitle));
        Assert.Contains("Dune (1984)", answer.Text, StringComparison.Ordinal);
        var stored = Assert.Single(harness.StoredRatings());
        Assert.Equal(4, stored.Value);
        Assert.Equal(2021, stored.Key);
    }

    [Fact]
    public async Task Rate_AmbiguousTitleChosenByButton_StoresTheChoice()
    {
        using var harness = new ConversationHarness();
        var question = await harness.SendAsync("/rate dune 3.5");

        await harness.PressAsync(question.Actions[1].Payload);

        Assert.Equal(3.5, harness.StoredRatings()[7842]);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("是")]
    [InlineData("1")]
    public async Task Rate_MisspeltTitle_SavesOnYes(string answer)
    {
        using var harness = new ConversationHarness();

        var question = await harness.SendAsync("/rate the godfahter 5");
        var saved = await harness.SendAsync(answer);

        Assert.Equal(ReplyKind.Question, question.Kind);
        Assert.Contains("Did you mean The Godfather (1972)?", question.Text, StringComparison.Ordinal);
        Assert.Equal(["The Godfather (1972)"], question.Movies.Select(m => m.DisplayTitle));
        Assert.Equal(2, question.Actions.Count);
        Assert.Contains("The Godfather (1972)", saved.Text, StringComparison.Ordinal);
        Assert.Equal(5, harness.StoredRatings()[858]);
    }

    [Fact]
    public async Task Rate_DidYouMeanNo_StoresNothing()
    {
        using var harness = new ConversationHarness();
        var question = await harness.SendAsync("/rate the godfahter 5");

        var declined = await harness.PressAsync(question.Actions[1].Payload);
        var late = await harness.SendAsync("yes");

        Assert.Contains("as the catalog writes it", declined.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
        Assert.DoesNotContain("The Godfather", late.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_AnswerOutOfRange_AsksAgain()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate dune 4");

        var reply = await harness.SendAsync("9");
        var answer = await harness.SendAsync("2");

        Assert.Contains("from 1 to 2", reply.Text, StringComparison.Ordinal);
        Assert.Equal(4, harness.StoredRatings()[7842]);
    }

    [Fact]
    public async Task Rate_AnswerAfterQuestionExpired_IsNotTakenAsChoice()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate dune 4");
        harness.Time.Advance(TimeSpan.FromHours(2));

        await harness.SendAsync("1");

        Assert.Empty(harness.StoredRatings());
    }

    [Fact]
    public async Task Rate_ChoiceButtonWithoutQuestion_SaysItExpired()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.PressAsync("c:0");

        Assert.Contains("expired", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unrate_RatedMovie_RemovesIt()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate toy story 4");

        var reply = await harness.SendAsync("/unrate toy story");

        Assert.Contains("Removed your rating of Toy Story (1995)", reply.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
    }

    [Theory]
    [InlineData("/unrate", "Which rating should I remove?")]
    [InlineData("/unrate heat", "You haven't rated Heat (1995)")]
    [InlineData("/unrate zzzzqqq", "couldn't find")]
    public async Task Unrate_BadInput_Explains(string text, string expected)
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate toy story 4");

        var reply = await harness.SendAsync(text);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Single(harness.StoredRatings());
    }

    [Fact]
    public async Task Unrate_AmbiguousTitle_PrefersTheRatedMovie()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate dune 4");
        await harness.SendAsync("2");

        var reply = await harness.SendAsync("/unrate dune");

        Assert.Contains("Dune (2000)", reply.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
    }

    [Fact]
    public async Task Ratings_ThreeRated_ListsThemPrivately()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate the matrix 5");
        await harness.SendAsync("/rate toy story 4.5");
        await harness.SendAsync("/rate pulp fiction 2");

        var reply = await harness.SendAsync("/ratings");

        Assert.True(reply.IsPrivate);
        Assert.Equal(ReplyKind.RatingList, reply.Kind);
        Assert.Equal(["Pulp Fiction (1994)", "The Matrix (1999)", "Toy Story (1995)"], reply.Movies.Select(m => m.DisplayTitle).Order());
        Assert.Contains(reply.Movies, m => m.DisplayTitle == "Toy Story (1995)" && m.Detail == "★★★★½ 4.5");
    }

    [Fact]
    public async Task Ratings_MoreThanOnePage_PagesThem()
    {
        using var harness = new ConversationHarness(new Dictionary<string, string?> { ["Conversation:RatingsPageSize"] = "2" });
        foreach (var title in new[] { "heat", "toy story", "the matrix", "pulp fiction", "fargo" })
        {
            await harness.SendAsync($"/rate {title} 4");
        }

        var first = await harness.SendAsync("/ratings");
        var last = await harness.SendAsync("/ratings 3");

        Assert.Equal(2, first.Movies.Count);
        Assert.Contains("/ratings 2", first.Footer, StringComparison.Ordinal);
        Assert.Single(last.Movies);
        Assert.Null(last.Footer);
    }

    [Theory]
    [InlineData("/ratings 9", "there is no page 9")]
    [InlineData("/ratings two", "\"two\" is not a page number")]
    [InlineData("/ratings 0", "\"0\" is not a page number")]
    public async Task Ratings_InvalidPage_Explains(string text, string expected)
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate heat 4");

        var reply = await harness.SendAsync(text);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ratings_NoneYet_SaysHowToRate()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/ratings");

        Assert.Contains("haven't rated any movies", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommend_AfterRatings_ListsTenUnratedMoviesWithButtons()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate the shawshank redemption 5");
        await harness.SendAsync("/rate the godfather 4");

        var reply = await harness.SendAsync("/recommend");

        Assert.Equal(ReplyKind.Recommendations, reply.Kind);
        Assert.Equal(10, reply.Movies.Count);
        Assert.DoesNotContain(reply.Movies, m => m.MovieId is 318 or 858);
        Assert.All(reply.Movies, m => Assert.Equal(7, m.Actions.Count));
        Assert.All(reply.Movies.SelectMany(m => m.Actions), a => Assert.True(System.Text.Encoding.UTF8.GetByteCount(a.Payload) <= ReplyAction.MaxPayloadBytes));
    }

    [Fact]
    public async Task Recommend_Genre_ListsOnlyThatGenre()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/recommend comedy");

        Assert.Equal(10, reply.Movies.Count);
        Assert.All(reply.Movies, m => Assert.Contains("Comedy", ConversationHarness.Catalog.Find(m.MovieId)!.Genres));
    }

    [Fact]
    public async Task Recommend_UnknownGenre_ListsKnownGenres()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/recommend comdy");

        Assert.Contains("I don't know the genre \"comdy\"", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Comedy", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Movies);
    }

    [Fact]
    public async Task Recommend_MarkedNotInterested_NeverShowsThatMovieAgain()
    {
        using var harness = new ConversationHarness();
        var first = await harness.SendAsync("/recommend");
        var dismissed = first.Movies[0];

        await harness.PressAsync(dismissed.Actions.Single(a => a.Label == "Not interested").Payload);
        var second = await harness.SendAsync("/recommend");

        Assert.DoesNotContain(second.Movies, m => m.MovieId == dismissed.MovieId);
    }

    [Fact]
    public async Task RatingButton_OnRecommendation_StoresRating()
    {
        using var harness = new ConversationHarness();
        var list = await harness.SendAsync("/recommend");

        await harness.PressAsync(list.Movies[2].Actions.Single(a => a.Label == "★4").Payload);

        Assert.Equal(4, harness.StoredRatings()[list.Movies[2].MovieId]);
    }

    [Fact]
    public async Task RateFollowUp_AfterList_RatesTheNumberedMovie()
    {
        using var harness = new ConversationHarness();
        var list = await harness.SendAsync("/recommend");

        await harness.SendAsync("rate 2 4.5");
        var wrong = await harness.SendAsync("rate 11 4");

        Assert.Equal(4.5, harness.StoredRatings()[list.Movies[1].MovieId]);
        Assert.Contains("no movie number 11", wrong.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("r:999999:8")]
    [InlineData("r:2571:12")]
    [InlineData("n:0")]
    public async Task Button_ForgedPayload_AnswersPolitelyAndStoresNothing(string payload)
    {
        using var harness = new ConversationHarness();

        var reply = await harness.PressAsync(payload);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Empty(harness.StoredRatings());
    }

    [Fact]
    public async Task Similar_KnownTitle_ListsOtherMoviesNotRated()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate fight club 5");

        var reply = await harness.SendAsync("/similar heat");

        Assert.NotEmpty(reply.Movies);
        Assert.DoesNotContain(reply.Movies, m => m.MovieId is 6 or 2959);
    }

    [Theory]
    [InlineData("/similar", "Which movie?")]
    [InlineData("/similar zzzzqqq", "couldn't find")]
    public async Task Similar_BadInput_Explains(string text, string expected)
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync(text);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_Confirmed_DeletesEverything()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate heat 4");

        var question = await harness.SendAsync("/forget");
        var done = await harness.SendAsync("yes");

        Assert.Equal(ReplyKind.Question, question.Kind);
        Assert.Contains("your ratings (1)", question.Text, StringComparison.Ordinal);
        Assert.Contains("forgotten everything", done.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
        Assert.Null(harness.People.Find(new Core.People.PlatformIdentity("telegram", "alice")));
    }

    [Fact]
    public async Task Forget_Declined_KeepsEverything()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate heat 4");
        var question = await harness.SendAsync("/forget");

        var reply = await harness.PressAsync(question.Actions.Single(a => a.Label == "No").Payload);

        Assert.Contains("Nothing was deleted", reply.Text, StringComparison.Ordinal);
        Assert.Single(harness.StoredRatings());
    }

    [Fact]
    public async Task Link_CodeFromOtherPlatform_SharesRatings()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate heat 5", userId: "1234", platform: "discord");
        var offer = await harness.SendAsync("/link", userId: "1234", platform: "discord");
        var code = offer.Text.Split(' ').First(w => w.Length == 9 && w.EndsWith('.')).TrimEnd('.');

        var linked = await harness.SendAsync($"/link {code}", userId: "1234", platform: "telegram");
        await harness.SendAsync("/rate toy story 4", userId: "1234", platform: "telegram");

        Assert.Contains("Linked", linked.Text, StringComparison.Ordinal);
        Assert.Equal([1, 6], harness.StoredRatings("1234", "discord").Keys.Order());
        Assert.Equal([1, 6], harness.StoredRatings("1234", "telegram").Keys.Order());
    }

    [Fact]
    public async Task Link_InvalidCode_Explains()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/link ABCDEFGH");

        Assert.Contains("I don't know that link code", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_Chinese_SwitchesRepliesUntilAuto()
    {
        using var harness = new ConversationHarness();

        var set = await harness.SendAsync("/language zh");
        var chinese = await harness.SendAsync("/rate heat 4");
        await harness.SendAsync("/language auto");
        var english = await harness.SendAsync("/rate heat 5");

        Assert.Equal("zh", set.Language);
        Assert.Contains("已保存", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("Updated", english.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_UnknownArgument_ShowsUsage()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/language klingon");

        Assert.Contains("/language en", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locale_Chinese_RepliesInChinese()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/rate the matrix 9", locale: "zh-CN");

        Assert.Equal("zh", reply.Language);
        Assert.Contains("不是有效的评分", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/help");

        foreach (var command in new[] { "/rate", "/unrate", "/ratings", "/recommend", "/similar", "/forget", "/link", "/language" })
        {
            Assert.Contains(command, reply.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownCommand_SaysSoWithoutEchoingMarkup()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/frobnicate");

        Assert.Contains("/frobnicate", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/help", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200E\u202E")]
    public async Task EmptyMessage_Explains(string text)
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync(text);

        Assert.Contains("empty", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeMessage_IsRejectedWithLengths()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/rate " + new string('a', 100_000) + " 5");

        Assert.Contains("100008 characters", reply.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
    }

    [Fact]
    public async Task NotFound_QuotesTitleWithMentionsNeutralised()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/rate @everyone <b>x</b> 4");

        Assert.DoesNotContain("@everyone", reply.Text, StringComparison.Ordinal);
        Assert.Contains("@\u200Beveryone", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OddUnicode_IsHandledWithoutError()
    {
        using var harness = new ConversationHarness();

        var reply = await harness.SendAsync("/rate Am\u0065\u0301lie \uD800 4");

        Assert.NotEqual(ReplyKind.Error, reply.Kind == ReplyKind.Error && reply.Text.Contains("went wrong", StringComparison.Ordinal) ? ReplyKind.Error : ReplyKind.Message);
    }

    [Fact]
    public async Task Recommend_NoModel_SaysNotPersonal()
    {
        using var harness = new ConversationHarness();
        await harness.SendAsync("/rate heat 5");

        var reply = await harness.SendAsync("/recommend");

        Assert.Equal(ReplyKind.Recommendations, reply.Kind);
        Assert.StartsWith("I have no trained recommendation model yet", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_TooManyMessages_AsksToWaitAndStoresNothing()
    {
        using var harness = new ConversationHarness(new Dictionary<string, string?> { ["Conversation:RateLimitMessages"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            await harness.SendAsync("/help");
        }

        var limited = await harness.SendAsync("/rate heat 4");
        var other = await harness.SendAsync("/rate heat 4", userId: "bob");

        Assert.Contains("please try again in", limited.Text, StringComparison.Ordinal);
        Assert.Empty(harness.StoredRatings());
        Assert.Single(harness.StoredRatings("bob"));
    }

    [Fact]
    public async Task RateLimit_ConsoleUser_IsNotLimited()
    {
        using var harness = new ConversationHarness(new Dictionary<string, string?> { ["Conversation:RateLimitMessages"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            await harness.SendAsync("/help", userId: "local", platform: "console");
        }

        var reply = await harness.SendAsync("/rate heat 4", userId: "local", platform: "console");

        Assert.DoesNotContain("please try again in", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Heat (1995)", reply.Text, StringComparison.Ordinal);
    }
}
