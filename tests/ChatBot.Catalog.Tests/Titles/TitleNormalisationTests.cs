using ChatBot.Catalog.Titles;
using ChatBot.Core.Titles;

namespace ChatBot.Catalog.Tests.Titles;

/// <summary>Each folding rule, checked on the key builder and on real ml-latest-small rows through the index.</summary>
[Collection(CatalogCollection.Name)]
public sealed class TitleNormalisationTests(CatalogFixture fixture)
{
    [Theory]
    [InlineData("The Matrix", "matrix")]
    [InlineData("AMÉLIE", "amelie")]
    [InlineData("WALL·E", "wall e")]
    [InlineData("Wall-E", "wall e")]
    [InlineData("Mission: Impossible - Fallout", "mission impossible fallout")]
    [InlineData("Schindler's List", "schindlers list")]
    [InlineData("Ocean’s Eleven", "oceans 11")]
    [InlineData("L.A. Confidential", "la confidential")]
    [InlineData("L'Avventura", "l avventura")]
    [InlineData("Godfather, The", "godfather")]
    [InlineData("The Godfather: Part II", "godfather 2")]
    [InlineData("godfather part two", "godfather 2")]
    [InlineData("Rocky IV", "rocky 4")]
    [InlineData("Rocky V", "rocky 5")]
    [InlineData("V for Vendetta", "v for vendetta")]
    [InlineData("Star Wars: Episode I - The Phantom Menace", "star wars 1 the phantom menace")]
    [InlineData("Kill Bill: Vol. 2", "kill bill 2")]
    [InlineData("Lock, Stock & Two Smoking Barrels", "lock stock and two smoking barrels")]
    [InlineData("Alien³", "alien 3")]
    [InlineData("Kramer vs. Kramer", "kramer vs kramer")]
    [InlineData("Kramer versus Kramer", "kramer vs kramer")]
    public void BuildKey_Title_FoldsToKey(string title, string expected)
    {
        Assert.Equal(expected, TitleKeys.BuildKey(title));
    }

    [Theory]
    [InlineData("the matrix", 2571)]
    [InlineData("THE MATRIX", 2571)]
    [InlineData("forrest gump", 356)]
    public void Lookup_CaseDiffers_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("amelie", 4973)]
    [InlineData("Amélie", 4973)]
    [InlineData("leon the professional", 293)]
    public void Lookup_DiacriticsDiffer_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("wall-e", 60069)]
    [InlineData("WALL·E", 60069)]
    [InlineData("walle", 60069)]
    [InlineData("mission impossible fallout", 189333)]
    [InlineData("spiderman", 5349)]
    [InlineData("schindlers list", 527)]
    [InlineData("la confidential", 1617)]
    [InlineData("face off", 1573)]
    public void Lookup_PunctuationAndDashesDiffer_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("godfather", 858)]
    [InlineData("godfather, the", 858)]
    [InlineData("the good the bad and the ugly", 1201)]
    [InlineData("good the bad and the ugly", 1201)]
    [InlineData("clockwork orange", 1206)]
    [InlineData("dolce vita", 8154)]
    [InlineData("la dolce vita", 8154)]
    public void Lookup_ArticleMissingOrMoved_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("lock stock and two smoking barrels", 2542)]
    [InlineData("willy wonka and the chocolate factory", 1073)]
    [InlineData("the truth about cats and dogs", 708)]
    public void Lookup_AmpersandWrittenAsAnd_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("godfather part 2", 1221)]
    [InlineData("godfather part ii", 1221)]
    [InlineData("rocky 2", 2409)]
    [InlineData("rocky iv", 2411)]
    [InlineData("rocky 5", 2412)]
    [InlineData("superman ii", 2641)]
    [InlineData("alien 3", 1320)]
    [InlineData("kill bill volume 2", 7438)]
    public void Lookup_NumeralsSwapped_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("back to the future 2", 2011)]
    [InlineData("back to the future part iii", 2012)]
    [InlineData("toy story two", 3114)]
    [InlineData("terminator 2", 589)]
    [InlineData("iron man three", 102125)]
    public void Lookup_SequelWritten_FindsSequel(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("sen to chihiro no kamikakushi", 5618)]
    [InlineData("se7en", 47)]
    [InlineData("le fabuleux destin d'amélie poulain", 4973)]
    [InlineData("lola rennt", 2692)]
    [InlineData("harry potter and the philosopher's stone", 4896)]
    public void Lookup_AlternateTitle_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("the shawshenk redemption", 318)]
    [InlineData("jurasic park", 480)]
    [InlineData("interstelar", 109487)]
    [InlineData("the dark night", 58559)]
    public void Lookup_Typo_FindsMovie(string query, int movieId) => AssertMatch(query, movieId);

    [Theory]
    [InlineData("dune (1984)", 2021)]
    [InlineData("dune 2000", 7842)]
    [InlineData("psycho 1998", 2389)]
    [InlineData("the matrix 1999", 2571)]
    [InlineData("death race 2000", 7991)]
    public void Lookup_YearGiven_FindsThatYear(string query, int movieId) => AssertMatch(query, movieId);

    [Fact]
    public void Lookup_NumberPastPlausibleYears_StaysInTitle()
    {
        var result = fixture.Index.Lookup("blade runner 2049");

        Assert.Equal(TitleMatchStatus.Match, result.Status);
        Assert.Equal(176371, result.Best?.Id);
    }

    private void AssertMatch(string query, int movieId)
    {
        var result = fixture.Index.Lookup(query);

        Assert.True(
            result.Status == TitleMatchStatus.Match,
            $"'{query}' gave {result.Status}: {string.Join(", ", result.Candidates.Select(c => $"{c.Movie} {c.Score:0.00}"))}");
        Assert.Equal(movieId, result.Best?.Id);
    }
}
