using System.Text;
using ChatBot.Channels.Discord.Adapter;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Channels.Discord.Tests;

public sealed class ReplyRendererTests
{
    private readonly ReplyRenderer _renderer = new(NullLogger<ReplyRenderer>.Instance);

    [Theory]
    [InlineData("*bold* _it_ ~~s~~ `code` ||spoiler||", "\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|")]
    [InlineData("# heading\n> quote\n- item\n1. first", "\\# heading\n\\> quote\n\\- item\n1\\. first")]
    [InlineData("[link](https://x.test) <@123> @everyone", "\\[link\\](https://x.test) \\<\\@123> \\@everyone")]
    [InlineData("Spider-Man 2 > Spider-Man 3", "Spider-Man 2 > Spider-Man 3")]
    [InlineData("back\\slash", "back\\\\slash")]
    public void Escape_MarkdownAndMentions_ShownLiterally(string text, string expected)
    {
        Assert.Equal(expected, DiscordMarkdown.Escape(text));
    }

    [Fact]
    public void Split_LongTextWithoutBreaks_NeverCutsEscapesOrSurrogates()
    {
        var text = DiscordMarkdown.Escape(string.Concat(Enumerable.Repeat("*😀", 1500)));

        var parts = DiscordMarkdown.Split(text, 2000);

        Assert.True(parts.Count > 1);
        Assert.All(parts, part => Assert.InRange(part.Length, 1, 2000));
        Assert.All(parts, part => Assert.False(char.IsHighSurrogate(part[^1])));
        Assert.All(parts, part => Assert.False(part.EndsWith('\\') && !part.EndsWith("\\\\", StringComparison.Ordinal)));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Render_EmptyText_StillProducesSendableMessage()
    {
        var messages = _renderer.Render(Reply.Plain(string.Empty, "en"));

        var message = Assert.Single(messages);
        Assert.False(string.IsNullOrEmpty(message.Content));
    }

    [Fact]
    public void Render_ManyMoviesWithManyButtons_RespectsPerMessageLimits()
    {
        var movies = Enumerable.Range(1, 12).Select(id => new ReplyMovie(
            id,
            $"Movie {id} (2000)",
            2000,
            ["Drama"],
            new string('r', 900),
            null,
            [.. Enumerable.Range(1, 7).Select(stars => new ReplyAction($"★{stars}", $"r:{id}:{stars}"))])).ToList();
        var reply = new Reply { Text = "Twelve picks", Movies = movies, Actions = [new ReplyAction("More", "more:1")] };

        var messages = _renderer.Render(reply);

        Assert.True(messages.Count > 1);
        Assert.Equal("Twelve picks", messages[0].Content);
        Assert.All(messages, message => Assert.InRange(message.Embeds?.Count ?? 0, 0, 10));
        Assert.All(messages, message => Assert.InRange(message.Components?.Count ?? 0, 0, 5));
        Assert.All(messages, message => Assert.InRange(message.Embeds?.Sum(embed => (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0)) ?? 0, 0, 6000));
        Assert.All(messages.SelectMany(message => message.Components ?? []), row => Assert.InRange(row.Components!.Count, 1, 5));
        Assert.Equal(12, messages.Sum(message => message.Embeds?.Count ?? 0));
        var customIds = messages.SelectMany(message => message.Components ?? []).SelectMany(row => row.Components!).Select(button => button.CustomId!).ToList();
        Assert.Equal(customIds.Count, customIds.Distinct().Count());
        Assert.Equal(85, customIds.Count);
        Assert.All(messages, message => Assert.Empty(message.AllowedMentions.Parse));
    }

    [Fact]
    public void Render_ButtonPayloads_RoundTripThroughCustomIds()
    {
        var payloads = new[] { "r:6:8", "s:2571", "语言:zh", new string('p', 64) };
        var reply = new Reply { Text = "Pick", Actions = [.. payloads.Select((payload, i) => new ReplyAction($"Button {i}", payload))] };

        var buttons = _renderer.Render(reply).SelectMany(message => message.Components ?? []).SelectMany(row => row.Components!).ToList();

        var decoded = buttons.Select(button => CustomIds.TryDecode(button.CustomId, out var payload) ? payload : null).ToList();
        Assert.Equal(payloads.Where(payload => Encoding.UTF8.GetByteCount(payload) <= ReplyAction.MaxPayloadBytes), decoded);
        Assert.All(buttons, button => Assert.InRange(button.CustomId!.Length, 1, CustomIds.MaxLength));
    }

    [Fact]
    public void Render_OversizedPayload_ButtonSkipped()
    {
        var reply = new Reply { Text = "Pick", Actions = [new ReplyAction("Too big", new string('x', 65)), new ReplyAction("Fine", "ok")] };

        var buttons = _renderer.Render(reply).SelectMany(message => message.Components ?? []).SelectMany(row => row.Components!).ToList();

        var button = Assert.Single(buttons);
        Assert.Equal("Fine", button.Label);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cb:1")]
    [InlineData("cb::x")]
    [InlineData("cb:123:x")]
    [InlineData("xx:1:payload")]
    public void TryDecode_MalformedCustomId_Fails(string? customId)
    {
        Assert.False(CustomIds.TryDecode(customId, out _));
    }

    [Fact]
    public void TryDecode_LongerThanDiscordAllows_Fails()
    {
        Assert.False(CustomIds.TryDecode("cb:1:" + new string('x', 96), out _));
    }
}
