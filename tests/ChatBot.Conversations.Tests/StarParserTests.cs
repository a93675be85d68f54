using ChatBot.Conversations.Parsing;

namespace ChatBot.Conversations.Tests;

public sealed class StarParserTests
{
    [Theory]
    [InlineData("4", 8)]
    [InlineData("4.5", 9)]
    [InlineData("4,5", 9)]
    [InlineData("0.5", 1)]
    [InlineData("5", 10)]
    [InlineData("4/5", 8)]
    [InlineData("4.5/5", 9)]
    [InlineData("9/10", 9)]
    [InlineData("★★★★", 8)]
    [InlineData("★★★★½", 9)]
    [InlineData("★★★☆☆", 6)]
    [InlineData("½", 1)]
    [InlineData("⭐⭐⭐", 6)]
    [InlineData("⭐️⭐️⭐️⭐️⭐️", 10)]
    [InlineData("４．５", 9)]
    [InlineData("4 stars", 8)]
    [InlineData("3星", 6)]
    [InlineData(" 3 ", 6)]
    [InlineData("five", 10)]
    [InlineData("Four stars", 8)]
    [InlineData("four and a half", 9)]
    [InlineData("three-and-a-half stars", 7)]
    [InlineData("五星", 10)]
    [InlineData("两颗星", 4)]
    [InlineData("四星半", 9)]
    [InlineData("三颗半星", 7)]
    public void Parse_ValidRating_ReturnsHalfStars(string text, int halfStars)
    {
        var result = StarParser.Parse(text);

        Assert.Equal(StarParseError.None, result.Error);
        Assert.Equal(halfStars, result.Stars.HalfStars);
    }

    [Theory]
    [InlineData("7", StarParseError.OutOfRange)]
    [InlineData("0", StarParseError.OutOfRange)]
    [InlineData("-1", StarParseError.OutOfRange)]
    [InlineData("6/5", StarParseError.OutOfRange)]
    [InlineData("★★★★★★", StarParseError.OutOfRange)]
    [InlineData("4.3", StarParseError.NotAHalfStep)]
    [InlineData("4.25", StarParseError.NotAHalfStep)]
    [InlineData("abc", StarParseError.NotARating)]
    [InlineData("", StarParseError.NotARating)]
    [InlineData("4/7", StarParseError.NotARating)]
    [InlineData("½★", StarParseError.NotARating)]
    [InlineData("NaN", StarParseError.NotARating)]
    [InlineData("1e400", StarParseError.NotARating)]
    [InlineData("six stars", StarParseError.OutOfRange)]
    [InlineData("zero", StarParseError.OutOfRange)]
    [InlineData("eleven", StarParseError.NotARating)]
    [InlineData("and a half", StarParseError.NotARating)]
    public void Parse_InvalidRating_ReportsWhy(string text, StarParseError error)
    {
        var result = StarParser.Parse(text);

        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("the matrix 5", "the matrix", "5")]
    [InlineData("rocky 2 4", "rocky 2", "4")]
    [InlineData("heat 4 stars", "heat", "4 stars")]
    [InlineData("\"Heat\" ★★★★", "Heat", "★★★★")]
    [InlineData("《盗火线》 5", "盗火线", "5")]
    [InlineData("5", "", "5")]
    [InlineData("the matrix", "the matrix", null)]
    [InlineData("heat five stars", "heat", "five stars")]
    [InlineData("heat 4 stars out of 5", "heat", "4/5")]
    [InlineData("heat 8 out of 10", "heat", "8/10")]
    [InlineData("heat four and a half stars", "heat", "four and a half stars")]
    [InlineData("the fantastic four", "the fantastic four", null)]
    [InlineData("the fantastic four 3", "the fantastic four", "3")]
    [InlineData("Heat 五星", "Heat", "五星")]
    [InlineData("星际穿越", "星际穿越", null)]
    public void RateArguments_Split_SeparatesTitleAndStars(string arguments, string title, string? stars)
    {
        var (actualTitle, actualStars) = RateArguments.Split(arguments);

        Assert.Equal(title, actualTitle);
        Assert.Equal(stars, actualStars);
    }
}
