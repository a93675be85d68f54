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
    public void ExtractMentions_TitleDoesNotCrossSentences()
    {
        var mentions = fixture.Index.ExtractMentions("I saw the lion. King of the hill was on after.");

        Assert.DoesNotContain(mentions, m => m.Movie.Id == 364);
    }
}
