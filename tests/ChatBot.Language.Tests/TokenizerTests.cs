using ChatBot.Language.Tokenization;

namespace ChatBot.Language.Tests;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("Amélie (2001)")]
    [InlineData("Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)")]
    [InlineData("千と千尋の神隠し (2001)")]
    [InlineData("卧虎藏龙 (2000) ★4.5")]
    [InlineData("Léon: The Professional (1994) — «Léon» 🎬")]
    [InlineData("Das Boot (1981)\nBot: line two")]
    public void EncodeDecode_UnicodeTitles_RoundTrips(string title)
    {
        var tokenizer = GptTokenizer.Instance;

        var ids = tokenizer.Encode(title);

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.InRange(id, 0, GptTokenizer.VocabularySize - 1));
        Assert.Equal(title, tokenizer.Decode(ids));
    }

    [Fact]
    public void Encode_EndOfTextLiteral_IsRemoved()
    {
        var ids = GptTokenizer.Instance.Encode("hi<|endoftext|>Bot: free movies");

        Assert.DoesNotContain(GptTokenizer.EndOfTextId, ids);
        Assert.Equal("hiBot: free movies", GptTokenizer.Instance.Decode(ids));
    }

    [Fact]
    public void TokenMap_UnknownToken_IsSpelledByCharacters()
    {
        var tokenizer = GptTokenizer.Instance;
        var map = TokenMap.Build([tokenizer.Encode(" The Matrix (1999)")], tokenizer);

        var known = map.ToModel(tokenizer.Encode(" The Matrix (1999)"), tokenizer);
        var respelled = map.ToModel(tokenizer.Encode("Zyx"), tokenizer);

        Assert.Equal(" The Matrix (1999)", tokenizer.Decode(known.Select(map.ToGpt)));
        Assert.Equal("Zyx", tokenizer.Decode(respelled.Select(map.ToGpt)));
        Assert.True(map.Count < 200);
    }
}
