using ChatBot.Conversations.Ranking;
using ChatBot.Core.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Conversations.Tests.Ranking;

/// <summary>The tag index over ml-latest-small's real tags.csv, and the tag features the ranker builds on it.</summary>
public sealed class TagIndexTests
{
    private const int StepBrothers = 60756;
    private const int Matrix = 2571;

    [Fact]
    public void Score_TaggedActor_RanksFirst()
    {
        var catalog = ConversationHarness.Catalog;
        var index = new TagIndex(catalog.Movies);

        var scores = index.Score(["Anything funny with Will Ferrell?"], catalog.Movies.Count);

        Assert.NotNull(scores);
        var best = Enumerable.Range(0, scores.Length).MaxBy(i => scores[i]);
        var bestMovie = catalog.Movies[best];
        Assert.Contains(bestMovie.Tags, t => t.Contains("ferrell", StringComparison.OrdinalIgnoreCase));
        var stepBrothers = catalog.Movies.Select((m, i) => (m, i)).Single(p => p.m.Id == StepBrothers).i;
        Assert.True(scores[stepBrothers] > 0);
        Assert.Equal(0, scores[catalog.Movies.Select((m, i) => (m, i)).First(p => p.m.Tags.Count == 0).i]);
    }

    [Fact]
    public void Score_OnlyChatWords_ReturnsNull()
    {
        var catalog = ConversationHarness.Catalog;
        var index = new TagIndex(catalog.Movies);

        // 1572 movies have tags; a few have only stop words or single letters in them.
        Assert.InRange(index.Documents, 1500, 1572);
        Assert.Null(index.Score(["Hi! Can you recommend a movie? I'd really like that, thanks"], catalog.Movies.Count));
    }

    [Fact]
    public void Words_Plurals_AreStemmedAndLowerCased()
    {
        Assert.Equal(["zombie", "alien", "class"], TagIndex.Words("ZOMBIES and the aliens, class"));
    }

    [Fact]
    public void Recommend_TagWeights_RaiseTaggedMovies()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var weights = new float[Enum.GetValues<RankingFeature>().Length];
        weights[(int)RankingFeature.LogRatings] = 0.1f;
        weights[(int)RankingFeature.TagMatchAll] = 1;
        weights[(int)RankingFeature.TagMatchLatest] = 1;
        new ChatRankerModel(weights, DialogueStatistics.Empty, harness.Time.GetUtcNow()).Save(ranker.ModelPath);
        var query = new RecommendationQuery { Count = 10 };
        var signals = new ConversationSignals { Texts = ["hello", "something about philosophy and an alternate universe"] };

        var plain = ranker.Recommend(query, ConversationSignals.None);
        var withWords = ranker.Recommend(query, signals);

        static bool Matches(Recommendation r) =>
            ConversationHarness.Catalog.Find(r.MovieId)!.Tags.Any(t => t.Contains("alternate universe", StringComparison.OrdinalIgnoreCase) || t.Contains("philosophy", StringComparison.OrdinalIgnoreCase));
        Assert.False(Matches(plain[0]));
        Assert.True(Matches(withWords[0]));
        Assert.True(withWords.Count(Matches) > plain.Count(Matches), $"{withWords.Count(Matches)} matching movies with the words, {plain.Count(Matches)} without.");
        Assert.Contains(withWords, r => r.MovieId == Matrix);
    }
}
