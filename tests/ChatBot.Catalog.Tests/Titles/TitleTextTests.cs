using ChatBot.Catalog.Titles;

namespace ChatBot.Catalog.Tests.Titles;

public sealed class TitleTextTests
{
    [Fact]
    public void Tokenize_Text_KeepsSpansOfOriginal()
    {
        const string text = "Loved WALL·E, and Amélie!";

        var tokens = TitleTokenizer.Tokenize(text);

        Assert.Equal(["loved", "wall", "e", "and", "amelie"], tokens.Select(t => t.Text));
        Assert.Equal("Amélie", text[tokens[4].Start..tokens[4].End]);
        Assert.True(tokens[3].FollowsComma);
        Assert.Equal(WordShape.Capitalised, tokens[0].Shape);
        Assert.Equal(WordShape.Upper, tokens[1].Shape);
    }

    [Fact]
    public void Tokenize_SentencePunctuation_MarksBreaks()
    {
        var tokens = TitleTokenizer.Tokenize("One. Two: three");

        Assert.True(tokens[1].SentenceBefore);
        Assert.True(tokens[2].BreakBefore);
        Assert.False(tokens[2].SentenceBefore);
    }

    [Theory]
    [InlineData("dune 2021", "dune", 2021)]
    [InlineData("Dune (1984)", "Dune", 1984)]
    [InlineData("heat [1995]", "heat", 1995)]
    public void TrySplit_TrailingYear_SplitsIt(string query, string title, int year)
    {
        Assert.True(TitleYear.TrySplit(query, out var actualTitle, out var actualYear));
        Assert.Equal(title, actualTitle);
        Assert.Equal(year, actualYear);
    }

    [Theory]
    [InlineData("1917")]
    [InlineData("blade runner 2049")]
    [InlineData("apollo 13")]
    [InlineData("2001: a space odyssey")]
    public void TrySplit_NumberThatIsTitle_KeepsIt(string query)
    {
        Assert.False(TitleYear.TrySplit(query, out _, out _));
    }

    [Fact]
    public void Find_QuotesAndEmphasis_ReturnsPhrases()
    {
        const string text = "\"Heat\", “Up”, 'Her', **Alien** and _Jaws_ but not Ocean's or snake_case";

        var phrases = QuoteFinder.Find(text);

        Assert.Equal(
            ["Heat", "Up", "Her", "Alien", "Jaws"],
            phrases.Select(p => text[p.ContentStart..p.ContentEnd]));
        Assert.Equal("**Alien**", text[phrases[3].OpenStart..phrases[3].CloseEnd]);
    }
}
