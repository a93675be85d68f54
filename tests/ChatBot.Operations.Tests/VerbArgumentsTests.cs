using ChatBot.Operations.Verbs;

namespace ChatBot.Operations.Tests;

public sealed class VerbArgumentsTests
{
    [Fact]
    public void Parse_ValuesFlagsAndPositionals_AreSeparated()
    {
        var parsed = VerbArguments.Parse(["file.db", "--user", "42", "--platform=telegram", "--yes"], ["user", "platform"], ["yes"]);

        Assert.Equal(["file.db"], parsed.Positionals);
        Assert.Equal("42", parsed.Get("user"));
        Assert.Equal("telegram", parsed.Get("platform"));
        Assert.True(parsed.Has("yes"));
    }

    [Theory]
    [InlineData("--colour", "Unknown option '--colour'.")]
    [InlineData("--user", "The option '--user' needs a value.")]
    [InlineData("--user=", "The option '--user' needs a value.")]
    public void Parse_BadOption_NamesTheProblem(string argument, string message)
    {
        var exception = Assert.Throws<VerbUsageException>(() => VerbArguments.Parse([argument], ["user"], []));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Parse_RepeatedOption_IsRejected()
    {
        var exception = Assert.Throws<VerbUsageException>(() => VerbArguments.Parse(["--user", "1", "--user", "2"], ["user"], []));

        Assert.Equal("The option '--user' is given twice.", exception.Message);
    }

    [Fact]
    public void AllowPositionals_TooMany_NamesTheFirstExtra()
    {
        var parsed = VerbArguments.Parse(["a", "b"], [], []);

        var exception = Assert.Throws<VerbUsageException>(() => parsed.AllowPositionals(1));

        Assert.Equal("Unexpected argument 'b'.", exception.Message);
    }
}
