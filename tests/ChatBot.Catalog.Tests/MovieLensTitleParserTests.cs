using ChatBot.Catalog.MovieLens;

namespace ChatBot.Catalog.Tests;

public sealed class MovieLensTitleParserTests
{
    [Theory]
    [InlineData("Matrix, The (1999)", "The Matrix", 1999, "The Matrix (1999)")]
    [InlineData("Toy Story (1995)", "Toy Story", 1995, "Toy Story (1995)")]
    [InlineData("Godfather: Part II, The (1974)", "The Godfather: Part II", 1974, "The Godfather: Part II (1974)")]
    [InlineData("Crow, The: Wicked Prayer (2005)", "The Crow: Wicked Prayer", 2005, "The Crow: Wicked Prayer (2005)")]
    [InlineData("Avventura, L' (Adventure, The) (1960)", "L'Avventura", 1960, "L'Avventura (1960)")]
    [InlineData("Boot, Das (Boat, The) (1981)", "Das Boot", 1981, "Das Boot (1981)")]
    [InlineData("Divo, Il (2008)", "Il Divo", 2008, "Il Divo (2008)")]
    [InlineData("Baader Meinhof Komplex, Der (2008)", "Der Baader Meinhof Komplex", 2008, "Der Baader Meinhof Komplex (2008)")]
    [InlineData("Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)", "Crouching Tiger, Hidden Dragon", 2000, "Crouching Tiger, Hidden Dragon (2000)")]
    [InlineData("(500) Days of Summer (2009)", "(500) Days of Summer", 2009, "(500) Days of Summer (2009)")]
    [InlineData("Black Mirror", "Black Mirror", null, "Black Mirror")]
    [InlineData("Death Note: Desu nôto (2006–2007)", "Death Note: Desu nôto", 2006, "Death Note: Desu nôto (2006)")]
    [InlineData("Blind Side, The  (2009)", "The Blind Side", 2009, "The Blind Side (2009)")]
    [InlineData("unknown", "unknown", null, "unknown")]
    public void Parse_MovieLensRow_SplitsTitleAndYear(string raw, string title, int? year, string display)
    {
        var parsed = MovieLensTitleParser.Parse(raw);

        Assert.Equal(title, parsed.Title);
        Assert.Equal(year, parsed.Year);
        Assert.Equal(display, parsed.DisplayTitle);
    }

    [Theory]
    [InlineData("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "Le Fabuleux destin d'Amélie Poulain")]
    [InlineData("Seven (a.k.a. Se7en) (1995)", "Se7en")]
    [InlineData("Twelve Monkeys (a.k.a. 12 Monkeys) (1995)", "12 Monkeys")]
    [InlineData("City of Lost Children, The (Cité des enfants perdus, La) (1995)", "La Cité des enfants perdus")]
    [InlineData("Spirited Away (Sen to Chihiro no kamikakushi) (2001)", "Sen to Chihiro no kamikakushi")]
    [InlineData("Vitelloni, I (a.k.a. The Young and the Passionate) (1953)", "The Young and the Passionate")]
    public void Parse_TitleWithParentheses_KeepsAlternateTitle(string raw, string alternate)
    {
        var parsed = MovieLensTitleParser.Parse(raw);

        Assert.Contains(alternate, parsed.AlternateTitles);
        Assert.DoesNotContain('(', parsed.Title);
    }

    [Fact]
    public void Parse_NestedParentheses_KeepsOneAlternateTitle()
    {
        var parsed = MovieLensTitleParser.Parse("Man Escaped, A (Un  condamné à mort s'est échappé (Le vent souffle où il veut)) (1956)");

        Assert.Equal("A Man Escaped", parsed.Title);
        Assert.Equal(1956, parsed.Year);
        Assert.Single(parsed.AlternateTitles);
    }
}
