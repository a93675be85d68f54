using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Tests.Titles;

[Collection(CatalogCollection.Name)]
public sealed class MentionExtractionTests(CatalogFixture fixture)
{
    [Fact]
    public void ExtractMentions_LikedAndHated_ReportsSentimentPerTitle()
    {
        const string text = "I loved inception and the dark knight but hated the matrix";

        var mentions = fixture.Index.ExtractMentions(text);

        Assert.Equal(3, mentions.Count);
        Assert.Equal((79132, MentionSentiment.Liked), (mentions[0].Movie.Id, mentions[0].Sentiment));
        Assert.Equal((58559, MentionSentiment.Liked), (mentions[1].Movie.Id, mentions[1].Sentiment));
        Assert.Equal((2571, MentionSentiment.Disliked), (mentions[2].Movie.Id, mentions[2].Sentiment));
        Assert.Equal("the dark knight", mentions[1].Text);
        Assert.Equal(text.IndexOf("the dark knight", StringComparison.Ordinal), mentions[1].Start);
        Assert.Equal("the dark knight".Length, mentions[1].Length);
    }

    [Fact]
    public void ExtractMentions_QuotedTitleWithYear_IncludesQuotesAndYear()
    {
        const string text = "any films like \"Heat\" (1995)?";

        var mention = Assert.Single(fixture.Index.ExtractMentions(text));

        Assert.Equal(6, mention.Movie.Id);
        Assert.Equal("\"Heat\" (1995)", mention.Text);
        Assert.Equal(text.IndexOf('"', StringComparison.Ordinal), mention.Start);
        Assert.Equal(MentionSentiment.Neutral, mention.Sentiment);
        Assert.True(mention.Confidence > 0.9, $"confidence {mention.Confidence}");
    }

    [Theory]
    [InlineData("《Heat》的导演是谁？", "《Heat》")]
    [InlineData("我很喜欢「Heat」", "「Heat」")]
    public void ExtractMentions_ChineseBrackets_ReadAsQuotes(string text, string quoted)
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions(text));

        Assert.Equal(6, mention.Movie.Id);
        Assert.Equal(quoted, mention.Text);
    }

    [Fact]
    public void ExtractMentions_ModelOutput_ResolvesQuotedTitlesOnly()
    {
        const string text = "I recommend watching \"Avengers: Infinity War - Part I\" and \"Mission Impossible: Fallout\".";

        var mentions = fixture.Index.ExtractMentions(text);

        Assert.Equal([122912, 189333], mentions.Select(m => m.Movie.Id));
        Assert.All(mentions, m => Assert.Equal(MentionSentiment.Liked, m.Sentiment));
        Assert.Equal("\"Mission Impossible: Fallout\"", mentions[1].Text);
    }

    [Fact]
    public void ExtractMentions_QuotedTitleNotInCatalog_ReportsNothingInsideIt()
    {
        var mentions = fixture.Index.ExtractMentions("I recommend watching \"Avengers: Endgame\" tonight.");

        Assert.Empty(mentions);
    }

    [Theory]
    [InlineData("I think it was up to her to tell us")]
    [InlineData("We went up the hill and it was hot, her dog loved the heat.")]
    [InlineData("I gave it a 9 out of 10")]
    [InlineData("I LOVE IT SO MUCH, IT WAS UP THERE")]
    [InlineData("Big thanks, you are a star")]
    [InlineData("Heat is what I need today")]
    [InlineData("any good heist movies?")]
    [InlineData("I want some zombie films tonight")]
    public void ExtractMentions_CommonWordsInOrdinarySentences_FindsNothing(string text)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.True(mentions.Count == 0, string.Join(", ", mentions.Select(m => $"[{m.Text}] {m.Movie}")));
    }

    [Theory]
    [InlineData("Have you seen Her? It is lovely", 106920)]
    [InlineData("I watched Up with my kids", 68954)]
    [InlineData("we loved the movie up last night", 68954)]
    [InlineData("what about 'Heat' instead", 6)]
    [InlineData("maybe heat 1995 then", 6)]
    [InlineData("my favourite is **Heat**", 6)]
    [InlineData("are there Heat movies like it?", 6)]
    public void ExtractMentions_CommonWordTitleWithEvidence_FindsIt(string text, int movieId)
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions(text));

        Assert.Equal(movieId, mention.Movie.Id);
        Assert.True(mention.Confidence < 0.95, $"confidence {mention.Confidence}");
    }

    [Fact]
    public void ExtractMentions_Negation_TurnsLikeIntoDislike()
    {
        var mentions = fixture.Index.ExtractMentions("I didn't like Inception, but I really enjoyed Interstellar.");

        Assert.Equal(MentionSentiment.Disliked, mentions[0].Sentiment);
        Assert.Equal(MentionSentiment.Liked, mentions[1].Sentiment);
    }

    [Fact]
    public void ExtractMentions_NotAFan_IsDisliked()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("not a fan of toy story 3 to be honest"));

        Assert.Equal(78499, mention.Movie.Id);
        Assert.Equal(MentionSentiment.Disliked, mention.Sentiment);
    }

    [Fact]
    public void ExtractMentions_OpinionAfterTitle_IsRead()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("Honestly Interstellar was so boring"));

        Assert.Equal(MentionSentiment.Disliked, mention.Sentiment);
    }

    [Fact]
    public void ExtractMentions_ListAfterOpinion_SharesIt()
    {
        var mentions = fixture.Index.ExtractMentions("I loved Inception, Interstellar and Memento");

        Assert.Equal([79132, 109487, 4226], mentions.Select(m => m.Movie.Id));
        Assert.All(mentions, m => Assert.Equal(MentionSentiment.Liked, m.Sentiment));
    }

    [Fact]
    public void ExtractMentions_LikeAsPreposition_IsNeutral()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("any films like interstellar?"));

        Assert.Equal(MentionSentiment.Neutral, mention.Sentiment);
    }

    [Fact]
    public void ExtractMentions_SharedTitle_PicksBetterKnownWithLowerConfidence()
    {
        var plain = Assert.Single(fixture.Index.ExtractMentions("I watched Dune yesterday"));
        var withYear = Assert.Single(fixture.Index.ExtractMentions("I watched Dune (2000) yesterday"));

        Assert.Equal(2021, plain.Movie.Id);
        Assert.True(plain.Confidence < 0.8, $"confidence {plain.Confidence}");
        Assert.Equal(7842, withYear.Movie.Id);
        Assert.Equal("Dune (2000)", withYear.Text);
    }

    [Fact]
    public void ExtractMentions_MisspeltCapitalisedTitle_IsResolved()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("Yesterday I watched The Shawshenk Redemption again"));

        Assert.Equal(318, mention.Movie.Id);
        Assert.Equal("The Shawshenk Redemption", mention.Text);
        Assert.Equal(MentionSentiment.Neutral, mention.Sentiment);
    }

    [Theory]
    [InlineData("Yesterday I met John Smith in New York")]
    [InlineData("My Friend Sent Me A Link")]
    public void ExtractMentions_CapitalisedNamesThatAreNoTitles_FindsNothing(string text)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.True(mentions.Count == 0, string.Join(", ", mentions.Select(m => $"[{m.Text}] {m.Movie}")));
    }

    [Fact]
    public void ExtractMentions_LongestTitleWins()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("the dark knight rises was fine"));

        Assert.Equal(91529, mention.Movie.Id);
    }

    [Fact]
    public void ExtractMentions_LongTitleWithYear_WinsOverTitlesInside()
    {
        const string text = "Here are some movies you might enjoy: Pulp Fiction (1994), Forrest Gump (1994) and "
            + "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964).";

        var mentions = fixture.Index.ExtractMentions(text);

        Assert.Equal([296, 356, 750], mentions.Select(m => m.Movie.Id));
        Assert.Equal("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)", mentions[2].Text);
        Assert.All(mentions, m => Assert.True(m.Confidence >= 0.9, $"{m.Movie} confidence {m.Confidence}"));
    }

    [Fact]
    public void ExtractMentions_ReplyShapeForEveryDatedMovie_FindsNearlyAll()
    {
        var random = new Random(42);
        var movies = fixture.Catalog.Movies.Where(m => m.Year is not null).OrderBy(_ => random.Next()).ToArray();
        var named = 0;
        var missed = new List<string>();
        var wrong = new List<string>();
        for (var i = 0; i + 3 <= movies.Length; i += 3)
        {
            var group = movies[i..(i + 3)];
            var text = $"Here are some movies you might enjoy: {group[0].DisplayTitle}, {group[1].DisplayTitle} and {group[2].DisplayTitle}.";

            var mentions = fixture.Index.ExtractMentions(text);

            // The catalog lists a few films twice under one title and year, and the text cannot tell those apart.
            named += group.Length;
            missed.AddRange(group.Where(g => !mentions.Any(m => m.Movie.DisplayTitle == g.DisplayTitle)).Select(g => g.DisplayTitle));
            wrong.AddRange(mentions.Where(m => !group.Any(g => g.DisplayTitle == m.Movie.DisplayTitle)).Select(m => $"[{m.Text}] as {m.Movie}"));
        }

        Assert.True(named > 9000, $"only {named} movies were written");
        Assert.True(missed.Count <= named / 1000, $"{missed.Count} of {named} missed: {string.Join("; ", missed.Take(20))}");
        Assert.True(wrong.Count <= named / 1000, $"{wrong.Count} wrong: {string.Join("; ", wrong.Take(20))}");
    }

    [Fact]
    public void ExtractMentions_ReplyShapeFor300RandomMovies_FindsRightIds()
    {
        var random = new Random(7);
        var movies = fixture.Catalog.Movies.Where(m => m.Year is not null).OrderBy(_ => random.Next()).Take(300).ToArray();
        var found = 0;
        for (var i = 0; i < movies.Length; i += 3)
        {
            var text = $"Here are some movies you might enjoy: {movies[i].DisplayTitle}, {movies[i + 1].DisplayTitle} and {movies[i + 2].DisplayTitle}.";

            var ids = fixture.Index.ExtractMentions(text).Select(m => m.Movie.Id).ToList();

            found += movies[i..(i + 3)].Count(m => ids.Contains(m.Id));
        }

        Assert.True(found >= 299, $"{found} of 300 found with the right id");
    }

    [Theory]
    [InlineData("Here you go: Tora! Tora! Tora! (1970), D.O.A. (1988) and Who Am I? (1998).", new[] { 3066, 4496, 27032 })]
    [InlineData("I loved heat (2013) more than Heat (1995)", new[] { 103372, 6 })]
    [InlineData("**Heat** (1995) and \"The Heat\" (2013)", new[] { 6, 103372 })]
    public void ExtractMentions_TitlesWithBracketedYears_FindsEach(string text, int[] expected)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.Equal(expected, mentions.Select(m => m.Movie.Id));
    }

    [Theory]
    [InlineData("Try Love and Monsters (2020) tonight")]
    [InlineData("I hear Monsters (2020) is good")]
    public void ExtractMentions_TitleOfAnotherYear_FindsNothing(string text)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.True(mentions.Count == 0, string.Join(", ", mentions.Select(m => $"[{m.Text}] {m.Movie}")));
    }

    [Fact]
    public void ExtractMentions_AbbreviationBeforeName_DoesNotFireAlone()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("I watched Dr. Strangelove yesterday"));

        Assert.Equal(750, mention.Movie.Id);
        Assert.Equal("Dr. Strangelove", mention.Text);
    }

    [Theory]
    [InlineData("Paul Rudd is great in it")]
    [InlineData("I like Liam Neeson and Emma Stone")]
    [InlineData("Yesterday I met Michael Jordan")]
    public void ExtractMentions_FirstNameThatIsATitle_FindsNothing(string text)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.True(mentions.Count == 0, string.Join(", ", mentions.Select(m => $"[{m.Text}] {m.Movie}")));
    }

    [Theory]
    [InlineData("Michael Mann's Heat (1995) is a classic", new[] { 6 })]
    [InlineData("Nolan's Inception is better than Spielberg’s Jaws", new[] { 79132, 1387 })]
    public void ExtractMentions_TitleAfterPossessiveName_FindsTitleOnly(string text, int[] expected)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.Equal(expected, mentions.Select(m => m.Movie.Id));
    }

    [Fact]
    public void ExtractMentions_SentenceStartWordBeforeTitle_IsLeftOut()
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions("Watch The Lord of the Rings: Return of the King (2003)"));

        Assert.Equal(7153, mention.Movie.Id);
        Assert.Equal("The Lord of the Rings: Return of the King (2003)", mention.Text);
    }

    [Theory]
    [InlineData("the shawshenk redemption was great", 318, "the shawshenk redemption")]
    [InlineData("the shawshenk redemtion was great", 318, "the shawshenk redemtion")]
    [InlineData("we watched the dark knigth rises", 91529, "the dark knigth rises")]
    [InlineData("batman foreever was fun", 153, "batman foreever")]
    [InlineData("the godfathr part 2 is better", 1221, "the godfathr part 2")]
    public void ExtractMentions_MisspeltLowerCaseTitle_IsFound(string text, int movieId, string written)
    {
        var mention = Assert.Single(fixture.Index.ExtractMentions(text));

        Assert.Equal(movieId, mention.Movie.Id);
        Assert.Equal(written, mention.Text);
        Assert.True(mention.Confidence < 0.9, $"confidence {mention.Confidence}");
    }

    [Theory]
    [InlineData("I like romantic comedies, the older ones mostly")]
    [InlineData("I was thinking about an action movie in general")]
    [InlineData("I think we're good. I'm happy with the selection.")]
    [InlineData("they regret having killed him off in the previous series")]
    [InlineData("the rest of the story revolves around her and the terrorists")]
    public void ExtractMentions_WordsOneLetterOffTitles_FindsNothing(string text)
    {
        var mentions = fixture.Index.ExtractMentions(text);

        Assert.True(mentions.Count == 0, string.Join(", ", mentions.Select(m => $"[{m.Text}] {m.Movie}")));
    }

    [Fact]
    public void ExtractMentions_TitleDoesNotCrossSentences()
    {
        var mentions = fixture.Index.ExtractMentions("I saw the lion. King of the hill was on after.");

        Assert.DoesNotContain(mentions, m => m.Movie.Id == 364);
    }
}
