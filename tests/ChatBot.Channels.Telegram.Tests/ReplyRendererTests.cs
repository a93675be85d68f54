using System.Text;
using ChatBot.Channels.Telegram.Rendering;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Channels.Telegram.Tests;

public sealed class ReplyRendererTests
{
    private readonly ReplyRenderer _renderer = new(NullLogger<ReplyRenderer>.Instance);

    [Fact]
    public void Render_TextWithHtmlCharacters_EscapesThem()
    {
        var messages = _renderer.Render(Reply.Plain("Tom & Jerry <3 \"quotes\" > all", "en"));

        var message = Assert.Single(messages);
        Assert.Equal("Tom &amp; Jerry &lt;3 &quot;quotes&quot; &gt; all", message.Html);
        Assert.Equal("Tom & Jerry <3 \"quotes\" > all", TelegramHtml.Parse(message.Html, out _));
        Assert.Equal("Tom & Jerry <3 \"quotes\" > all", message.PlainText);
    }

    [Fact]
    public void Render_MoviesWithSpecialTitles_EscapesTitlesGenresAndReasons()
    {
        var reply = new Reply
        {
            Text = "Try these:",
            Movies =
            [
                new ReplyMovie(1, "<Evil> & Co (1999)", 1999, ["Sci-Fi", "R&B"], "because <you> liked it", "★4 & up", []),
            ],
        };

        var message = Assert.Single(_renderer.Render(reply));

        var visible = TelegramHtml.Parse(message.Html, out var error);
        Assert.Null(error);
        Assert.Equal("Try these:\n\n1. <Evil> & Co (1999) · Sci-Fi, R&B\n    because <you> liked it\n    ★4 & up", visible);
        Assert.Contains("<b>1. &lt;Evil&gt; &amp; Co (1999)</b>", message.Html, StringComparison.Ordinal);
        Assert.Equal(visible, message.PlainText);
    }

    [Fact]
    public void Render_ReplyOver4096Characters_SplitsAtLineBoundaries()
    {
        var lines = Enumerable.Range(1, 200).Select(i => $"line {i:D3} " + new string('x', 40) + " & <more>").ToList();
        var text = string.Join('\n', lines);

        var messages = _renderer.Render(Reply.Plain(text, "en"));

        Assert.True(messages.Count >= 3, $"expected several messages, got {messages.Count}");
        Assert.All(messages, m => Assert.True(m.Html.Length <= ReplyRenderer.MaxMessageLength, $"message of {m.Html.Length} characters"));
        var visible = messages.Select(m => TelegramHtml.Parse(m.Html, out _)).ToList();
        Assert.Equal(text, string.Join('\n', visible));
        Assert.All(visible, v => Assert.EndsWith("& <more>", v!, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SingleLineLongerThanAMessage_SplitsWithoutBreakingEscapes()
    {
        var text = string.Concat(Enumerable.Repeat("a&b <c> ", 1500)) + "end";

        var messages = _renderer.Render(Reply.Plain(text, "en"));

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Html.Length <= ReplyRenderer.MaxMessageLength));
        var visible = messages.Select(m => TelegramHtml.Parse(m.Html, out var error) ?? throw new InvalidOperationException(error)).ToList();
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(visible).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SurrogatePairsAtSplitPoint_KeepsPairsWhole()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 3000));

        var messages = _renderer.Render(Reply.Plain(text, "en"));

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.False(char.IsHighSurrogate(m.Html[^1])));
        Assert.Equal(text, string.Concat(messages.Select(m => m.PlainText)));
    }

    [Fact]
    public void Render_SeveralMovies_NumbersButtonsOnLastMessage()
    {
        var reply = new Reply
        {
            Text = ScriptedConversationHandler.LongText(5000),
            Movies =
            [
                new ReplyMovie(1, "Heat (1995)", 1995, [], null, null, [new ReplyAction("★1", "r:1:2"), new ReplyAction("★2", "r:1:4"), new ReplyAction("Seen it", "s:1")]),
                new ReplyMovie(2, "Alien (1979)", 1979, [], null, null, [new ReplyAction("★1", "r:2:2")]),
            ],
            Actions = [new ReplyAction("More like these", "more")],
        };

        var messages = _renderer.Render(reply);

        Assert.All(messages.SkipLast(1), m => Assert.Empty(m.Keyboard));
        var keyboard = messages[^1].Keyboard;
        Assert.Equal(["1 ★1", "1 ★2"], keyboard[0].Select(b => b.Label));
        Assert.Equal(["1 Seen it"], keyboard[1].Select(b => b.Label));
        Assert.Equal(["2 ★1"], keyboard[2].Select(b => b.Label));
        Assert.Equal(["More like these"], keyboard[3].Select(b => b.Label));
        Assert.Equal("r:1:4", keyboard[0][1].CallbackData);
    }

    [Fact]
    public void Render_SingleMovie_LeavesLabelsUnnumbered()
    {
        var reply = new Reply { Text = "One:", Movies = [new ReplyMovie(1, "Heat (1995)", 1995, [], null, null, [new ReplyAction("★5", "r:1:10")])] };

        var button = Assert.Single(Assert.Single(_renderer.Render(reply)).Keyboard.SelectMany(row => row));

        Assert.Equal("★5", button.Label);
    }

    [Fact]
    public void Render_PayloadOver64Bytes_DropsThatButton()
    {
        var tooLong = new string('é', 33);
        var reply = new Reply
        {
            Text = "Pick:",
            Actions = [new ReplyAction("Good", "ok"), new ReplyAction("Bad", tooLong), new ReplyAction("Empty", string.Empty), new ReplyAction("Exact", new string('a', 64))],
        };

        var buttons = Assert.Single(_renderer.Render(reply)).Keyboard.SelectMany(row => row).ToList();

        Assert.Equal(66, Encoding.UTF8.GetByteCount(tooLong));
        Assert.Equal(["Good", "Exact"], buttons.Select(b => b.Label));
    }

    [Fact]
    public void Render_MoreThanMaxButtons_KeepsWholeRowsUpToTheLimit()
    {
        var movies = Enumerable.Range(1, 30)
            .Select(i => new ReplyMovie(i, $"Movie {i}", null, [], null, null, [.. Enumerable.Range(1, 5).Select(s => new ReplyAction($"★{s}", $"r:{i}:{s}"))]))
            .ToList();

        var keyboard = Assert.Single(_renderer.Render(new Reply { Text = "Many", Movies = movies })).Keyboard;

        Assert.Equal(ReplyRenderer.MaxButtons, keyboard.Sum(row => row.Count));
        Assert.All(keyboard, row => Assert.Equal(5, row.Count));
    }

    [Fact]
    public void Render_EmptyTextWithButtons_SendsPlaceholderText()
    {
        var message = Assert.Single(_renderer.Render(new Reply { Text = "  ", Actions = [new ReplyAction("Yes", "y")] }));

        Assert.Equal("…", message.PlainText);
        Assert.Single(message.Keyboard);
    }

    [Fact]
    public void Render_EmptyReply_SendsNothing()
    {
        Assert.Empty(_renderer.Render(Reply.Plain("\n \n", "en")));
    }
}
