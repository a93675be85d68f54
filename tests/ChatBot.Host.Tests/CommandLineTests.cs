namespace ChatBot.Host.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_NoArguments_RunsBot()
    {
        var commandLine = CommandLine.Parse([]);

        Assert.Null(commandLine.Verb);
        Assert.False(commandLine.WantsHelp);
    }

    [Fact]
    public void Parse_ConfigurationKeys_AreSeparatedFromVerbOptions()
    {
        var commandLine = CommandLine.Parse(["eval", "--json", "out.json", "--Catalog:MovieLensPath=/data/ml", "--Data:Directory", "/tmp/d", "--Conversation__MaxMessageLength=500"]);

        Assert.Equal("eval", commandLine.Verb);
        Assert.Equal(["--json", "out.json"], commandLine.VerbArguments);
        Assert.Equal(["--Catalog:MovieLensPath=/data/ml", "--Data:Directory", "/tmp/d", "--Conversation__MaxMessageLength=500"], commandLine.ConfigurationArguments);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Parse_HelpWithoutVerb_WantsHelp(string argument)
    {
        Assert.True(CommandLine.Parse([argument]).WantsHelp);
    }

    [Fact]
    public void Parse_HelpAfterVerb_GoesToVerb()
    {
        var commandLine = CommandLine.Parse(["titles", "--help"]);

        Assert.Equal("titles", commandLine.Verb);
        Assert.Equal(["--help"], commandLine.VerbArguments);
        Assert.False(commandLine.WantsHelp);
    }
}
