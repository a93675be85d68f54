using ChatBot.Catalog.Titles;
using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Tests.Titles;

[Collection(CatalogCollection.Name)]
public sealed class TitleIndexLookupTests(CatalogFixture fixture)
{
    [Fact]
    public void Lookup_Dune_IsAmbiguousBetweenBothYears()
    {
        var result = fixture.Index.Lookup("dune");

        Assert.Equal(TitleMatchStatus.Ambiguous, result.Status);
        Assert.Equal(2021, result.Candidates[0].Movie.Id);
        Assert.Equal(1984, result.Candidates[0].Movie.Year);
        Assert.Equal(7842, result.Candidates[1].Movie.Id);
        Assert.Equal(2000, result.Candidates[1].Movie.Year);
        Assert.Null(result.Best);
    }

    [Fact]
    public void Lookup_Dune_PrefersBetterKnownMovie()
    {
        var result = fixture.Index.Lookup("dune");

        Assert.True(fixture.Catalog.RatingCount(2021) > fixture.Catalog.RatingCount(7842));
        Assert.True(result.Candidates[0].Score > result.Candidates[1].Score);
        Assert.True(result.Candidates[1].Score > 0.2, $"second Dune scored {result.Candidates[1].Score}");
    }

    [Fact]
    public void Lookup_TheMatrix_IsMatch()
    {
        var result = fixture.Index.Lookup("the matrix");

        Assert.Equal(TitleMatchStatus.Match, result.Status);
        Assert.Equal(2571, result.Best?.Id);
        Assert.True(result.Candidates[0].Score >= 0.9, $"score {result.Candidates[0].Score}");
        Assert.True(result.Candidates[1].Score < 0.1, $"runner-up score {result.Candidates[1].Score}");
        Assert.Equal("The Matrix", result.Candidates[0].MatchedTitle);
    }

    [Theory]
    [InlineData("it", 175303, 26693)]
    [InlineData("the thing", 2288, 90345)]
    [InlineData("psycho", 1219, 2389)]
    [InlineData("ocean's eleven", 4963, 4954)]
    [InlineData("halloween 2", 1983, 70994)]
    [InlineData("titanic", 1721, 3404)]
    public void Lookup_SharedTitle_IsAmbiguousWithBoth(string query, int first, int second)
    {
        var result = fixture.Index.Lookup(query);

        Assert.Equal(TitleMatchStatus.Ambiguous, result.Status);
        Assert.Equal(first, result.Candidates[0].Movie.Id);
        Assert.Equal(second, result.Candidates[1].Movie.Id);
        Assert.NotEqual(result.Candidates[0].Movie.Year, result.Candidates[1].Movie.Year);
    }

    [Fact]
    public void Lookup_FranchiseName_IsAmbiguousAmongItsFilms()
    {
        var result = fixture.Index.Lookup("harry potter", maxCandidates: 8);

        Assert.Equal(TitleMatchStatus.Ambiguous, result.Status);
        Assert.True(result.Candidates.Count >= 6);
        Assert.All(result.Candidates.Take(6), c => Assert.StartsWith("Harry Potter", c.Movie.Title));
    }

    [Theory]
    [InlineData("heat", 6, 103372)]
    [InlineData("babe", 34, 6517)]
    [InlineData("house", 2148, 174815)]
    [InlineData("the mask", 367, 8880)]
    public void Lookup_ExactTitleFarBetterKnownThanArticleRival_IsMatch(string query, int expected, int rival)
    {
        var result = fixture.Index.Lookup(query);

        Assert.Equal(TitleMatchStatus.Match, result.Status);
        Assert.Equal(expected, result.Best?.Id);
        Assert.Contains(result.Candidates, c => c.Movie.Id == rival);
    }

    [Theory]
    [InlineData("mask", 367, 8880)]
    [InlineData("the heat", 6, 103372)]
    [InlineData("room", 140174, 74754)]
    public void Lookup_ArticleRivalAsWellOrBetterKnown_StaysAmbiguous(string query, int first, int second)
    {
        var result = fixture.Index.Lookup(query);

        Assert.Equal(TitleMatchStatus.Ambiguous, result.Status);
        Assert.Equal([first, second], result.Candidates.Take(2).Select(c => c.Movie.Id));
    }

    [Theory]
    [InlineData("zzzzqqq")]
    [InlineData("tenet")]
    [InlineData("a movie about dogs")]
    [InlineData("what should i watch tonight")]
    public void Lookup_FilmNotInCatalog_IsNone(string query)
    {
        var result = fixture.Index.Lookup(query);

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.Null(result.Best);
    }

    [Theory]
    [InlineData("zzzzqqq")]
    [InlineData("盗梦空间")]
    [InlineData("肖申克的救赎")]
    [InlineData("what should i watch tonight")]
    public void Lookup_NoRealSimilarity_IsNoneWithoutCandidates(string query)
    {
        var result = fixture.Index.Lookup(query);

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.True(result.Candidates.Count == 0, string.Join(", ", result.Candidates.Select(c => c.Movie)));
    }

    [Fact]
    public void Lookup_NearMissNotInCatalog_OffersOnlyCloseTitles()
    {
        var result = fixture.Index.Lookup("tenet");

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.Equal([6530, 185], result.Candidates.Take(2).Select(c => c.Movie.Id));
        Assert.All(result.Candidates, c => Assert.True(c.Score < 0.7, $"{c.Movie} scored {c.Score}"));
    }

    [Fact]
    public void Lookup_ChineseTitleInCatalogAsPinyin_IsMatch()
    {
        var result = fixture.Index.Lookup("霸王别姬");

        Assert.Equal(TitleMatchStatus.Match, result.Status);
        Assert.Equal(446, result.Best?.Id);
    }

    [Fact]
    public void Lookup_YearGiven_PicksThatYear()
    {
        var result = fixture.Index.Lookup("Dune (1984)");

        Assert.Equal(TitleMatchStatus.Match, result.Status);
        Assert.Equal(2021, result.Best?.Id);
    }

    [Fact]
    public void Lookup_YearNotInCatalog_IsNoneWithSameTitles()
    {
        var result = fixture.Index.Lookup("dune 2021");

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.Contains(result.Candidates, c => c.Movie.Id == 2021);
        Assert.Contains(result.Candidates, c => c.Movie.Id == 7842);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Lookup_NoWords_IsNoneWithoutCandidates(string query)
    {
        var result = fixture.Index.Lookup(query);

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Lookup_VeryLongQuery_ReadsOnlyItsStart()
    {
        var query = "the matrix " + string.Concat(Enumerable.Repeat("and then some more words ", 2000));

        var result = fixture.Index.Lookup(query);

        Assert.Equal(query, result.Query);
        Assert.Equal(TitleMatchStatus.None, result.Status);
    }

    [Fact]
    public void Lookup_MaxCandidates_LimitsList()
    {
        var result = fixture.Index.Lookup("star wars", maxCandidates: 2);

        Assert.Equal(2, result.Candidates.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Index.Lookup("star wars", maxCandidates: 0));
    }

    [Fact]
    public void Lookup_ScoresAreOrderedProbabilities()
    {
        foreach (var query in new[] { "dune", "the matrix", "harry potter", "rocky", "zzzzqqq" })
        {
            var scores = fixture.Index.Lookup(query, 10).Candidates.Select(c => c.Score).ToArray();

            Assert.All(scores, s => Assert.InRange(s, 0, 1));
            Assert.True(scores.Sum() <= 1.0001, $"'{query}' scores add up to {scores.Sum()}");
            Assert.Equal(scores.OrderDescending(), scores);
        }
    }

    [Fact]
    public void Lookup_ConcurrentReaders_GetSameResultsAsOneReader()
    {
        var queries = fixture.Catalog.Movies.Take(600).Select(m => m.Title.ToLowerInvariant() + "x").ToArray();
        var expected = queries.Select(q => Describe(fixture.Index.Lookup(q))).ToArray();
        var actual = new string[queries.Length];

        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Describe(fixture.Index.Lookup(queries[i])));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Suggest_PartialTitle_CompletesBestKnownFirst()
    {
        var suggestions = fixture.Index.Suggest("the godf", 3);

        Assert.Equal(3, suggestions.Count);
        Assert.Equal(858, suggestions[0].Movie.Id);
        Assert.All(suggestions, s => Assert.Contains("Godfather", s.Movie.Title));
    }

    [Fact]
    public void Suggest_MisspeltStart_FallsBackToLookup()
    {
        var suggestions = fixture.Index.Suggest("shawshenk", 5);

        Assert.Contains(suggestions, s => s.Movie.Id == 318);
    }

    [Fact]
    public void Constructor_EmptyCatalog_BuildsEmptyIndex()
    {
        var index = new TitleIndex(new MovieCatalog("empty", [], Core.Movies.RatingTable.Empty));

        var result = index.Lookup("the matrix");

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.Empty(result.Candidates);
        Assert.Empty(index.ExtractMentions("I loved The Matrix"));
        Assert.Empty(index.Suggest("the", 5));
    }

    private static string Describe(TitleLookup lookup) =>
        $"{lookup.Status}:{string.Join(',', lookup.Candidates.Select(c => $"{c.Movie.Id}/{c.Score}"))}";
}
