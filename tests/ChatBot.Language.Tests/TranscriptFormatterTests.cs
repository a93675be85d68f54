using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Language.Prompts;
using ChatBot.Language.Tokenization;

namespace ChatBot.Language.Tests;

public sealed class TranscriptFormatterTests
{
    private static readonly TranscriptFormatter Formatter = new(GptTokenizer.Instance);

    private static readonly ReplyGenerationRequest Request = new()
    {
        UserMessage = "Something like Heat?",
        Liked = [new RatedTitle(6, "Heat (1995)", 5), new RatedTitle(2, "Jumanji (1995)", 4.5)],
        Candidates =
        [
            new CandidateTitle(1, "Ronin (1998)", ["Action"], "because you rated Heat (1995) ★5"),
            new CandidateTitle(2, "Collateral (2004)", ["Action"], null),
            new CandidateTitle(3, "Thief (1981)", ["Crime"], null),
        ],
        RequestedCount = 2,
        RequestSummary = "90s action",
    };

    [Fact]
    public void FormatPrompt_ListsSlotsAndEndsWithBotMarker()
    {
        var prompt = Formatter.FormatPrompt(Request, 256, 60);
        var text = GptTokenizer.Instance.Decode(prompt.Tokens);

        Assert.Equal(GptTokenizer.EndOfTextId, prompt.Tokens[0]);
        Assert.Contains("[1] Ronin (1998) | [W1] because you rated Heat (1995) ★5\n[2] Collateral (2004)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thief", text, StringComparison.Ordinal);
        Assert.Contains("Liked: [L1] Heat (1995) ★5; [L2] Jumanji (1995) ★4.5", text, StringComparison.Ordinal);
        Assert.EndsWith("User: Something like Heat?Bot:", text, StringComparison.Ordinal);
        Assert.Equal(GptTokenizer.EndOfTextId, prompt.Tokens[^(1 + GptTokenizer.Instance.Encode("Bot:").Count)]);
    }

    [Fact]
    public void FormatPrompt_Compact_ListsOnlySlots()
    {
        var compact = new TranscriptFormatter(GptTokenizer.Instance, PromptFormat.Compact);
        var request = Request with { Disliked = [new RatedTitle(9, "Cats (2019)", 1)] };

        var prompt = compact.FormatPrompt(request, 256, 60);
        var full = Formatter.FormatPrompt(request, 256, 60);
        var text = GptTokenizer.Instance.Decode(prompt.Tokens);

        Assert.Contains("Liked: [L1] [L2]\nRequest: [Q]\nCandidates: [1] [W1] [2]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ronin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cats", text, StringComparison.Ordinal);
        Assert.DoesNotContain("90s action", text, StringComparison.Ordinal);
        Assert.EndsWith("User: Something like Heat?Bot:", text, StringComparison.Ordinal);
        Assert.True(prompt.Tokens.Length * 2 < full.Tokens.Length, $"The compact prompt has {prompt.Tokens.Length} tokens, the full one {full.Tokens.Length}.");
    }

    [Fact]
    public void FormatPrompt_CompactHistory_CutsTurns()
    {
        var compact = new TranscriptFormatter(GptTokenizer.Instance, PromptFormat.Compact);
        var reply = "Here are three thrillers for tonight: " + string.Join(", ", Enumerable.Range(1, 12).Select(i => $"Movie Number {i} (1990)"));
        var request = Request with { History = [new ConversationTurn(TurnSpeaker.Bot, reply, DateTimeOffset.UnixEpoch, [])] };

        var text = GptTokenizer.Instance.Decode(compact.FormatPrompt(request, 256, 60).Tokens);
        var full = GptTokenizer.Instance.Decode(Formatter.FormatPrompt(request, 256, 60).Tokens);

        Assert.Contains("Bot: Here are three thrillers for tonight:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Movie Number 12", text, StringComparison.Ordinal);
        Assert.Contains("Movie Number 12", full, StringComparison.Ordinal);
    }

    [Fact]
    public void Relexicalize_CompactFormatReply_WritesListedText()
    {
        var compact = new TranscriptFormatter(GptTokenizer.Instance, PromptFormat.Compact);
        const string reply = "Since you enjoyed Heat (1995), try Ronin (1998), because you rated Heat (1995) ★5.";

        var example = compact.FormatExample(Request, reply, 256);
        var replyText = GptTokenizer.Instance.Decode(example.Tokens.Skip(example.PromptLength));

        Assert.Equal(" Since you enjoyed [L1], try [1], [W1].", replyText);
        Assert.Equal(reply, TranscriptFormatter.Relexicalize(replyText, Request).Trim());
    }

    [Fact]
    public void FormatPrompt_ShortContext_DropsOldestTurnsFirst()
    {
        var history = Enumerable.Range(1, 12)
            .Select(i => new ConversationTurn(i % 2 == 1 ? TurnSpeaker.Person : TurnSpeaker.Bot, $"remembered turn {i}", DateTimeOffset.UnixEpoch, []))
            .ToList();

        var prompt = Formatter.FormatPrompt(Request with { History = history }, 160, 60);
        var text = GptTokenizer.Instance.Decode(prompt.Tokens);

        Assert.True(prompt.Tokens.Length <= 100, $"The prompt has {prompt.Tokens.Length} tokens, more than 160 - 60.");
        Assert.InRange(prompt.DroppedTurns, 1, 11);
        Assert.DoesNotContain($"remembered turn {prompt.DroppedTurns} ", text + " ", StringComparison.Ordinal);
        Assert.Contains($"remembered turn {prompt.DroppedTurns + 1}", text, StringComparison.Ordinal);
        Assert.Contains("remembered turn 12", text, StringComparison.Ordinal);
        Assert.Contains("[1] Ronin (1998)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatExample_DelexicalisesTitlesAndRelexicalizeRestoresThem()
    {
        const string reply = "Since you enjoyed Heat (1995), try Ronin (1998), because you rated Heat (1995) ★5, or Collateral (2004) for 90s action.";

        var example = Formatter.FormatExample(Request, reply, 256);
        var replyText = GptTokenizer.Instance.Decode(example.Tokens.Skip(example.PromptLength));

        Assert.Equal(" Since you enjoyed [L1], try [1], [W1], or [2] for [Q].", replyText);
        Assert.Equal(GptTokenizer.EndOfTextId, example.Tokens[^1]);
        Assert.Equal(reply, TranscriptFormatter.Relexicalize(replyText, Request).Trim());
    }

    [Fact]
    public void Relexicalize_UnlistedSlot_IsRemoved()
    {
        var text = TranscriptFormatter.Relexicalize(" Try [1] and [3], or [L7] ([Q]; [W2]).", Request);
        var chinese = TranscriptFormatter.Relexicalize(" 另外[2]、[3]也很不错。", Request with { Language = "zh" });

        Assert.Equal("Try Ronin (1998), (90s action; ).", text);
        Assert.Equal("另外“Collateral (2004)”也很不错。", chinese);
    }

    [Theory]
    [InlineData(" Try [2], [W2].", "Try Collateral (2004).")]
    public void Relexicalize_EmptyReason_LeavesNoDanglingComma(string generated, string expected)
    {
        Assert.Equal(expected, TranscriptFormatter.Relexicalize(generated, Request));
    }

    [Fact]
    public void Relexicalize_ChineseReply_QuotesTitlesAndDelexicaliseStripsQuotes()
    {
        var chinese = Request with { Language = "zh" };

        var text = TranscriptFormatter.Relexicalize(" 推荐[2]，[W2]。既然你喜欢[L1]", chinese);
        var slots = TranscriptFormatter.Delexicalize(text, chinese);

        Assert.Equal("推荐“Collateral (2004)”。既然你喜欢“Heat (1995)”", text);
        Assert.Equal("推荐[2]。既然你喜欢[L1]", slots);
    }
}
