using System.Text;
using ChatBot.Language.Generation;
using ChatBot.Language.Tokenization;

namespace ChatBot.Language.Tests;

public sealed class Utf8GuardTests
{
    // Output tokens: 0 "A", 1 lead byte of a three-byte character, 2 and 3 continuation bytes, 4 a lone continuation byte "8E" + "A".
    private static readonly Utf8Guard Guard = new([[0x41], [0xE6], [0x8E], [0xA8], [0x8E, 0x41]]);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(1, 3, 0)]
    [InlineData(0, 2, -1)]
    [InlineData(2, 0, -1)]
    [InlineData(1, 4, 0)]
    [InlineData(2, 4, -1)]
    public void After_Token_CountsOwedBytes(int owed, int token, int expected)
    {
        Assert.Equal(expected, Guard.After(owed, token));
    }

    [Fact]
    public void Sample_HalfCharacter_SkipsBreakingTokens()
    {
        var sampler = new TokenSampler(new GenerationSettings { Temperature = 0, RepetitionPenalty = 1 }, new Random(1), Guard);
        sampler.Remember(1);

        // "A" scores best but cannot follow a lead byte, and token 4 brings one continuation byte too few.
        // Once only one byte is owed, token 4 finishes the character and may follow.
        var next = sampler.Sample(new float[] { 9, 1, 3, 2, 8 });
        sampler.Remember(next);
        var last = sampler.Sample(new float[] { 9, 1, 3, 2, 8 });

        Assert.Equal(2, next);
        Assert.Equal(4, last);
    }

    [Fact]
    public void Sample_WithoutGuard_TakesTheBestToken()
    {
        var sampler = new TokenSampler(new GenerationSettings { Temperature = 0, RepetitionPenalty = 1 }, new Random(1));
        sampler.Remember(1);

        Assert.Equal(0, sampler.Sample(new float[] { 9, 1, 3, 2, 8 }));
    }

    [Fact]
    public void TokenBytes_WholeCharacterTokens_MatchDecoding()
    {
        var tokenizer = GptTokenizer.Instance;
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var compared = 0;
        for (var id = 0; id < GptTokenizer.EndOfTextId; id += 7)
        {
            string text;
            try
            {
                text = strict.GetString(tokenizer.TokenBytes(id));
            }
            catch (DecoderFallbackException)
            {
                continue;
            }

            Assert.Equal(tokenizer.Decode([id]), text);
            compared++;
        }

        Assert.True(compared > 7000, $"{compared} tokens compared.");
        Assert.Empty(tokenizer.TokenBytes(GptTokenizer.EndOfTextId).ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes("推荐"), tokenizer.Encode("推荐").SelectMany(id => tokenizer.TokenBytes(id).ToArray()));
    }
}
