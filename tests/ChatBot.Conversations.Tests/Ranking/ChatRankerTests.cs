using ChatBot.Conversations.Parsing;
using ChatBot.Conversations.Ranking;
using ChatBot.Core.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Conversations.Tests.Ranking;

/// <summary>The conversation ranker over ml-latest-small with the popularity recommender, as the harness composes it.</summary>
public sealed class ChatRankerTests
{
    private const int Heat = 6;
    private const int ToyStory = 1;
    private const int Jumanji = 2;

    [Fact]
    public void Recommend_HardGenreFilter_ReturnsOnlyThatGenre()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();

        var result = ranker.Recommend(new RecommendationQuery { Count = 20, RequiredGenres = ["Horror"] }, ConversationSignals.None);

        Assert.Equal(20, result.Count);
        Assert.All(result, r => Assert.True(ConversationHarness.Catalog.Find(r.MovieId)!.HasGenre("Horror")));
    }

    public static TheoryData<string[], string[], string[], int?, int?, bool> Filters => new()
    {
        { ["Comedy", "Romance"], [], [], null, null, true },
        { [], ["Horror", "Thriller"], ["Comedy"], 1980, 1989, true },
        { ["Animation"], [], ["Children"], null, 1995, true },
        { [], [], [], 2010, null, true },
        { ["Western", "No Such Genre"], [], [], null, null, false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Allowed_Filters_MatchesQueryAccepts(string[] required, string[] any, string[] excluded, int? from, int? to, bool someMatch)
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var query = new RecommendationQuery { RequiredGenres = required, AnyGenres = any, ExcludedGenres = excluded, YearFrom = from, YearTo = to };
        var movies = ConversationHarness.Catalog.Movies;

        var allowed = ranker.Allowed(query);

        var mismatches = movies.Where((movie, i) => allowed[i] != query.Accepts(movie)).Select(m => m.DisplayTitle).Take(5).ToList();
        Assert.Empty(mismatches);
        Assert.Equal(someMatch, allowed.Contains(true));
        Assert.Contains(false, allowed);
    }

    [Fact]
    public void Recommend_EarlierGenreRequest_RaisesGenreWithoutFiltering()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var query = new RecommendationQuery { Count = 50 };
        var signals = new ConversationSignals { Requests = [new RequestedTraits(new GenreRequest(["Horror"], []), [], null, null), RequestedTraits.None] };

        var plain = ranker.Recommend(query, ConversationSignals.None).Count(IsHorror);
        var withRequest = ranker.Recommend(query, signals);

        Assert.True(withRequest.Count(IsHorror) > plain, $"{withRequest.Count(IsHorror)} horror movies with the earlier request, {plain} without.");
        Assert.Contains(withRequest, r => !IsHorror(r));
    }

    [Fact]
    public void Recommend_RatedExcludedAndLiked_NeverReturned()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var first = ranker.Recommend(new RecommendationQuery { Count = 3 }, ConversationSignals.None).Select(r => r.MovieId).ToList();
        var query = new RecommendationQuery
        {
            Count = 100,
            Ratings = [new MovieRating(first[0], 5)],
            Exclude = new HashSet<int> { first[1] },
            LikeMovieIds = [first[2]],
        };

        var result = ranker.Recommend(query, ConversationSignals.None).Select(r => r.MovieId).ToList();

        Assert.DoesNotContain(first[0], result);
        Assert.DoesNotContain(first[1], result);
        Assert.DoesNotContain(first[2], result);
    }

    [Fact]
    public void Recommend_LikedMovie_IsReason()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var signals = new ConversationSignals { Mentioned = [new MentionedMovie(ToyStory, MentionOpinion.Liked)] };

        var result = ranker.Recommend(new RecommendationQuery { Count = 10, LikeMovieIds = [ToyStory] }, signals);

        Assert.Contains(result, r => r.BecauseMovieId == ToyStory);
        Assert.All(result.Where(r => r.BecauseMovieId == ToyStory), r => Assert.True(ConversationHarness.Catalog.Find(r.MovieId)!.Genres.Intersect(["Animation", "Children", "Comedy", "Adventure", "Fantasy"]).Any()));
    }

    [Fact]
    public void Recommend_TrainedModelFile_IsUsed()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var weights = new float[Enum.GetValues<RankingFeature>().Length];
        weights[(int)RankingFeature.DialoguePrior] = 1;
        weights[(int)RankingFeature.DialogueFollowers] = 10;
        var dialogues = DialogueStatistics.Count(10, [(Jumanji, [Heat]), (Jumanji, [Heat]), (ToyStory, [])]);
        new ChatRankerModel(weights, dialogues, harness.Time.GetUtcNow()).Save(ranker.ModelPath);
        var signals = new ConversationSignals { Mentioned = [new MentionedMovie(Heat, MentionOpinion.Unknown)] };

        var result = ranker.Recommend(new RecommendationQuery { Count = 2, Exclude = new HashSet<int> { Heat } }, signals);

        Assert.Equal([Jumanji, ToyStory], result.Select(r => r.MovieId));
        Assert.Equal(10, ranker.Model.Dialogues.Dialogues);
    }

    [Fact]
    public void Recommend_InvalidModel_UsesBuiltIn()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        File.WriteAllText(ranker.ModelPath, "{ not json");

        var result = ranker.Recommend(new RecommendationQuery { Count = 5 }, ConversationSignals.None);

        Assert.Equal(5, result.Count);
        Assert.Same(ChatRankerModel.BuiltIn, ranker.Model);
    }

    [Fact]
    public void ModelFile_SaveThenLoad_RoundTrips()
    {
        using var folder = new TestSupport.TemporaryFolder("chat-ranker");
        var path = Path.Combine(folder.Path, "model.json");
        var weights = Enumerable.Range(0, Enum.GetValues<RankingFeature>().Length).Select(i => i * 0.25f).ToArray();
        var dialogues = DialogueStatistics.Count(3, [(Jumanji, [Heat, ToyStory]), (Heat, [])], new Dictionary<int, int> { [Heat] = 40 });

        new ChatRankerModel(weights, dialogues, DateTimeOffset.UnixEpoch.AddDays(1)).Save(path);
        var loaded = ChatRankerModel.Load(path);

        Assert.Equal(weights, loaded.Weights);
        Assert.Equal(40, loaded.Dialogues.Mentions[Heat]);
        Assert.Equal(MathF.Log(41), loaded.Dialogues.MentionPrior(Heat), 5);
        Assert.Equal(0f, loaded.Dialogues.MentionPrior(Jumanji));
        Assert.Equal(3, loaded.Dialogues.Dialogues);
        Assert.Equal(1, loaded.Dialogues.Suggestions[Heat]);
        Assert.Equal(1, loaded.Dialogues.Followers[ToyStory][Jumanji]);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), loaded.TrainedAt);
    }

    [Fact]
    public void ModelFile_MissingWeight_LoadsAsZero()
    {
        using var folder = new TestSupport.TemporaryFolder("chat-ranker");
        var path = Path.Combine(folder.Path, "model.json");
        File.WriteAllText(path, """{"version":1,"weights":{"LogRatings":1.5},"dialogues":0}""");

        var loaded = ChatRankerModel.Load(path);

        Assert.Equal(1.5f, loaded.Weights[(int)RankingFeature.LogRatings]);
        Assert.Equal(0f, loaded.Weights[(int)RankingFeature.CollaborativeProfile]);
        Assert.Equal(0f, loaded.Weights[(int)RankingFeature.TagMatchAll]);
    }

    [Fact]
    public void WithoutMentions_Counts_SubtractToZero()
    {
        var dialogues = DialogueStatistics.Count(1, [(Heat, [])], new Dictionary<int, int> { [Heat] = 5, [Jumanji] = 1 });

        var without = dialogues.WithoutMentions(new Dictionary<int, int> { [Heat] = 2, [Jumanji] = 3, [ToyStory] = 1 });

        Assert.Equal(3, without.Mentions[Heat]);
        Assert.Equal(0, without.Mentions[Jumanji]);
        Assert.False(without.Mentions.ContainsKey(ToyStory));
        Assert.Equal(0f, without.MentionPrior(Jumanji));
        Assert.Equal(1, without.Suggestions[Heat]);
        Assert.Equal(5, dialogues.Mentions[Heat]);
    }

    [Fact]
    public void Recommend_MentionWeight_RaisesMentioned()
    {
        using var harness = new ConversationHarness();
        var ranker = harness.Services.GetRequiredService<ChatRanker>();
        var weights = new float[RankingFeatures.Count];
        weights[(int)RankingFeature.CommunityMentions] = 1;
        weights[(int)RankingFeature.LogRatings] = 0.01f;
        var dialogues = new DialogueStatistics(0, [], [], new Dictionary<int, int> { [Jumanji] = 500 });
        var query = new RecommendationQuery { Count = 3, IncludePredictedStars = false };

        var without = ranker.Rank(query, new ConversationSignals(), weights, DialogueStatistics.Empty, RankingFeatures.PriorOf(ranker.Traits, DialogueStatistics.Empty));
        var with = ranker.Rank(query, new ConversationSignals(), weights, dialogues, RankingFeatures.PriorOf(ranker.Traits, dialogues));

        Assert.NotEqual(Jumanji, without[0].MovieId);
        Assert.Equal(Jumanji, with[0].MovieId);
    }

    private static bool IsHorror(Recommendation recommendation) => ConversationHarness.Catalog.Find(recommendation.MovieId)!.HasGenre("Horror");
}
