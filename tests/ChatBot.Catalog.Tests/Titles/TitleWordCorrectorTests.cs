using ChatBot.Catalog.Titles;

namespace ChatBot.Catalog.Tests.Titles;

[Collection(CatalogCollection.Name)]
public sealed class TitleWordCorrectorTests(CatalogFixture fixture)
{
    [Theory]
    [InlineData("shawshenk", "shawshank")]
    [InlineData("shawshnk", "shawshank")]
    [InlineData("shawshannk", "shawshank")]
    [InlineData("shawhsank", "shawshank")]
    [InlineData("redemtion", "redemption")]
    [InlineData("godfathr", "godfather")]
    public void Suggest_OneTypingError_ReturnsTitleWord(string written, string expected)
    {
        var suggestions = fixture.Index.Corrector.Suggest(written);

        Assert.Contains(expected, suggestions);
        Assert.All(suggestions, s => Assert.True(TitleWordCorrector.IsOneEditApart(written, s), s));
    }

    [Fact]
    public void Suggest_ExactTwoErrorsOrShort_OffersNoMatch()
    {
        var corrector = fixture.Index.Corrector;

        Assert.DoesNotContain("shawshank", corrector.Suggest("shawshank"));
        Assert.DoesNotContain("shawshank", corrector.Suggest("shawsenk"));
        Assert.Empty(corrector.Suggest("matx"));
    }

    [Theory]
    [InlineData("matrix", "matrx", true)]
    [InlineData("matrix", "matrixx", true)]
    [InlineData("matrix", "matrox", true)]
    [InlineData("matrix", "mtarix", true)]
    [InlineData("matrix", "matrix", false)]
    [InlineData("matrix", "mtraix", false)]
    [InlineData("matrix", "matr", false)]
    [InlineData("matrix", "xatrim", false)]
    public void IsOneEditApart_Pairs_ComparesByOneEdit(string a, string b, bool expected)
    {
        Assert.Equal(expected, TitleWordCorrector.IsOneEditApart(a, b));
        Assert.Equal(expected, TitleWordCorrector.IsOneEditApart(b, a));
    }

    [Fact]
    public void Suggest_SmallVocabulary_FindsEveryKindOfError()
    {
        var corrector = new TitleWordCorrector(["inception", "matrix", "dune", "12345"]);

        Assert.Equal(["inception"], corrector.Suggest("incepton"));
        Assert.Equal(["matrix"], corrector.Suggest("matirx"));
        Assert.Equal(["matrix"], corrector.Suggest("mattrix"));
        Assert.Empty(corrector.Suggest("dunee"));
        Assert.Empty(corrector.Suggest("12346"));
    }
}
