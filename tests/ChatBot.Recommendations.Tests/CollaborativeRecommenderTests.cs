using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Popularity;
using ChatBot.Recommendations.Serving;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations.Tests;

public sealed class CollaborativeRecommenderTests(Ml100kModelFixture fixture) : IClassFixture<Ml100kModelFixture>
{
    [Fact]
    public void Recommend_ManyPeople_NoRatedOrExcluded()
    {
        var recommender = fixture.CreateRecommender();

        for (var user = 0; user < fixture.Data.Ratings.UserCount; user += 37)
        {
            var ratings = fixture.RatingsOf(user);
            var exclude = new HashSet<int>(recommender.Recommend(new RecommendationQuery { Ratings = ratings, Count = 5 }).Select(r => r.MovieId));
            var results = recommender.Recommend(new RecommendationQuery { Ratings = ratings, Count = 20, Exclude = exclude });

            Assert.Equal(20, results.Count);
            Assert.DoesNotContain(results, r => ratings.Any(rating => rating.MovieId == r.MovieId));
            Assert.DoesNotContain(results, r => exclude.Contains(r.MovieId));
            Assert.Equal(results.Count, results.Select(r => r.MovieId).Distinct().Count());
        }
    }

    [Fact]
    public void Recommend_NewRating_ChangesNextRecommendation()
    {
        var recommender = fixture.CreateRecommender();
        var ratings = fixture.RatingsOf(0).Take(15).ToList();
        var before = recommender.Recommend(new RecommendationQuery { Ratings = ratings });

        var topPick = before[0].MovieId;
        var after = recommender.Recommend(new RecommendationQuery { Ratings = [.. ratings, new MovieRating(topPick, 1)] });

        Assert.DoesNotContain(after, r => r.MovieId == topPick);
        Assert.NotEqual(before.Skip(1).Select(r => r.MovieId), after.Select(r => r.MovieId).Take(before.Count - 1));
        Assert.Equal("collaborative", recommender.Name);
    }

    [Fact]
    public void Recommend_NoRatings_ServesPopularity()
    {
        var recommender = fixture.CreateRecommender();
        var popularity = new PopularityRecommender(fixture.Catalog, fixture.Options.Popularity);
        var query = new RecommendationQuery { Count = 10, RequiredGenres = ["Comedy"] };

        var results = recommender.Recommend(query);

        Assert.Equal(popularity.Recommend(query).Select(r => r.MovieId), results.Select(r => r.MovieId));
    }

    [Fact]
    public void Recommend_OnlyLowRatings_ServesPopularity()
    {
        var recommender = fixture.CreateRecommender();
        var popularity = new PopularityRecommender(fixture.Catalog, fixture.Options.Popularity);
        var disliked = fixture.RatingsOf(7).Take(5).Select(r => r with { Stars = 1 }).ToList();

        var results = recommender.Recommend(new RecommendationQuery { Ratings = disliked });

        Assert.Equal(popularity.Recommend(new RecommendationQuery { Ratings = disliked }).Select(r => r.MovieId), results.Select(r => r.MovieId));
        Assert.All(results, r => Assert.Null(r.BecauseMovieId));
    }

    [Fact]
    public void Recommend_NoModel_ServesPopularity()
    {
        var recommender = new CollaborativeRecommender(fixture.Catalog, Options.Create(fixture.Options), NullLogger<CollaborativeRecommender>.Instance);
        var popularity = new PopularityRecommender(fixture.Catalog, fixture.Options.Popularity);
        var query = new RecommendationQuery { Ratings = fixture.RatingsOf(3) };

        var results = recommender.Recommend(query);

        Assert.Equal("popularity", recommender.Name);
        Assert.Null(recommender.Model);
        Assert.Equal(popularity.Recommend(query).Select(r => r.MovieId), results.Select(r => r.MovieId));
    }

    [Fact]
    public void Recommend_GenreAndDecadeFilters_OnlyMatchingMovies()
    {
        var recommender = fixture.CreateRecommender();
        var query = new RecommendationQuery
        {
            Ratings = fixture.RatingsOf(5),
            Count = 10,
            RequiredGenres = ["Drama"],
            ExcludedGenres = ["Romance"],
            YearFrom = 1980,
            YearTo = 1989,
        };

        var results = recommender.Recommend(query);

        Assert.NotEmpty(results);
        foreach (var movie in results.Select(r => fixture.Catalog.Find(r.MovieId)!))
        {
            Assert.True(movie.HasGenre("Drama"), $"{movie} is not a drama.");
            Assert.False(movie.HasGenre("Romance"), $"{movie} is a romance.");
            Assert.InRange(movie.Year!.Value, 1980, 1989);
        }
    }

    [Fact]
    public void Recommend_WithRatings_ReasonIsWellRated()
    {
        var recommender = fixture.CreateRecommender();
        var ratings = fixture.RatingsOf(10);

        var results = recommender.Recommend(new RecommendationQuery { Ratings = ratings });

        var explained = results.Where(r => r.BecauseMovieId is not null).ToList();
        Assert.NotEmpty(explained);
        foreach (var result in explained)
        {
            var rating = Assert.Single(ratings, r => r.MovieId == result.BecauseMovieId);
            Assert.Equal(rating.Stars, result.BecauseStars);
            Assert.True(rating.Stars >= 3.5, $"The reason names a {rating.Stars}-star rating.");
        }

        Assert.All(results, r => Assert.InRange(r.PredictedStars!.Value, 1, 5));
    }

    [Fact]
    public void Recommend_LikeMovie_ExplainsWithTheLikedMovie()
    {
        var recommender = fixture.CreateRecommender();
        var liked = fixture.Data.Items.MovieIds[fixture.Model.RankingModel.ModelItems[0]];

        var results = recommender.Recommend(new RecommendationQuery { LikeMovieIds = [liked] });

        Assert.NotEmpty(results);
        Assert.DoesNotContain(results, r => r.MovieId == liked);
        Assert.Contains(results, r => r.BecauseMovieId == liked && r.BecauseStars is null);
    }

    [Fact]
    public void Similar_KnownMovie_ReturnsOtherMoviesNamingIt()
    {
        var recommender = fixture.CreateRecommender();
        var movieId = fixture.Data.Items.MovieIds[fixture.Model.RankingModel.ModelItems[10]];
        var exclude = new HashSet<int>(recommender.Similar(movieId, 3).Select(r => r.MovieId));

        var results = recommender.Similar(movieId, 10, exclude);

        Assert.Equal(10, results.Count);
        Assert.DoesNotContain(results, r => r.MovieId == movieId || exclude.Contains(r.MovieId));
        Assert.All(results, r => Assert.Equal(movieId, r.BecauseMovieId));
        Assert.True(results.Zip(results.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "Results are not best first.");
    }

    [Fact]
    public void Score_KnownAndUnknownMovies_LeavesUnknownOut()
    {
        var recommender = fixture.CreateRecommender();
        var ratings = fixture.RatingsOf(20);
        var top = recommender.Recommend(new RecommendationQuery { Ratings = ratings, Count = 3 });

        var scores = recommender.Score(ratings, [.. top.Select(r => r.MovieId), 999_999]);

        Assert.Equal(3, scores.Count);
        Assert.False(scores.ContainsKey(999_999));
        Assert.All(top, r => Assert.Equal(r.Score, scores[r.MovieId], 5));
    }

    [Fact]
    public void ScoreInto_SameArrayTwice_MatchesScore()
    {
        var recommender = fixture.CreateRecommender();
        int[] movieIds = [.. fixture.Data.Items.MovieIds.Take(500), 999_999];
        var scores = new float[movieIds.Length];
        var expected = recommender.Score(fixture.RatingsOf(20), movieIds);

        recommender.ScoreInto(fixture.RatingsOf(25), movieIds, scores);
        recommender.ScoreInto(fixture.RatingsOf(20), movieIds, scores);

        Assert.True(float.IsNaN(scores[^1]), "An unknown movie is not NaN.");
        Assert.Equal(expected.Count, scores.Count(score => !float.IsNaN(score)));
        Assert.All(expected, pair => Assert.Equal(pair.Value, scores[Array.IndexOf(movieIds, pair.Key)], 4));
    }

    [Fact]
    public void PredictStars_KnownMovies_InRatingRange()
    {
        var recommender = fixture.CreateRecommender();

        var stars = recommender.PredictStars(fixture.RatingsOf(30), [1, 50, 100, 999_999]);

        Assert.Equal(3, stars.Count);
        Assert.All(stars.Values, value => Assert.InRange(value, 1, 5));
    }

    [Fact]
    public void Recommend_PopularityPenalty_LowersBlockbusterShare()
    {
        var plain = CreateWithPenalty(0);
        var penalised = CreateWithPenalty(0.5);
        var blockbusters = fixture.Catalog.Movies.OrderByDescending(m => fixture.Catalog.RatingCount(m.Id)).Take(100).Select(m => m.Id).ToHashSet();

        int Share(CollaborativeRecommender recommender) => Enumerable.Range(0, 40)
            .SelectMany(user => recommender.Recommend(new RecommendationQuery { Ratings = fixture.RatingsOf(user * 20) }))
            .Count(r => blockbusters.Contains(r.MovieId));

        Assert.True(Share(penalised) < Share(plain), "The penalty did not reduce how many blockbusters are recommended.");
    }

    [Fact]
    public async Task Swap_DuringConcurrentRequests_ServesOnlyCompleteModels()
    {
        var query = new RecommendationQuery { Ratings = fixture.RatingsOf(42), Count = 10 };
        var expectedFirst = Signature(fixture.CreateRecommender(fixture.Model).Recommend(query));
        var expectedSecond = Signature(fixture.CreateRecommender(fixture.OtherModel).Recommend(query));
        Assert.NotEqual(expectedFirst, expectedSecond);
        var recommender = fixture.CreateRecommender(fixture.Model);
        using var stop = new CancellationTokenSource();
        var readersRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var seen = new HashSet<string>();
            if (Interlocked.Increment(ref started) == 3)
            {
                readersRunning.SetResult();
            }

            while (!stop.IsCancellationRequested)
            {
                seen.Add(Signature(recommender.Recommend(query)));
            }

            return seen;
        })).ToList();
        await readersRunning.Task;
        for (var swap = 0; swap < 200; swap++)
        {
            recommender.Swap(swap % 2 == 0 ? fixture.OtherModel : fixture.Model);
        }

        await stop.CancelAsync();
        var seen = (await Task.WhenAll(readers)).SelectMany(s => s).ToHashSet();

        Assert.Subset(new HashSet<string> { expectedFirst, expectedSecond }, seen);
    }

    private CollaborativeRecommender CreateWithPenalty(double penalty)
    {
        var options = Ml100kModelFixture.SmallOptions(seed: 42);
        options.RankingModel.PopularityPenalty = penalty;
        var recommender = new CollaborativeRecommender(fixture.Catalog, Options.Create(options), NullLogger<CollaborativeRecommender>.Instance);
        recommender.Swap(fixture.Model);
        return recommender;
    }

    private static string Signature(IReadOnlyList<Recommendation> results) =>
        string.Join(';', results.Select(r => $"{r.MovieId}:{r.Score:R}:{r.BecauseMovieId}:{r.PredictedStars:R}"));
}
