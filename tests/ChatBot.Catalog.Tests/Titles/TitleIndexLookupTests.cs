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
    public void Lookup_TheMatrix_IsMatch()
    {
        var result = fixture.Index.Lookup("the matrix");

        Assert.Equal(TitleMatchStatus.Match, result.Status);
        Assert.Equal(2571, result.Best?.Id);
        Assert.True(result.Candidates[0].Score >= 0.9, $"score {result.Candidates[0].Score}");
        Assert.True(result.Candidates[1].Score < 0.1, $"runner-up score {result.Candidates[1].Score}");
    }

    [Fact]
    public void Lookup_Gibberish_IsNoneWithClosestTitles()
    {
        var result = fixture.Index.Lookup("zzzzqqq");

        Assert.Equal(TitleMatchStatus.None, result.Status);
        Assert.Null(result.Best);
        Assert.All(result.Candidates, c => Assert.True(c.Score < 0.62, $"{c.Movie} scored {c.Score}"));
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
}
