using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Tests.Fakes;
using ChatBot.Core.Messaging;

namespace ChatBot.Channels.Discord.Tests;

public sealed class MessageChatTests : IAsyncLifetime
{
    private const string GuildId = "500000000000000001";
    private const string ChannelId = "600000000000000001";
    private const string DmChannelId = "610000000000000001";
    private const string UserId = "700000000000000001";

    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Reply_QuotingEveryone_PingsNobodyAndEscapesMarkdown()
    {
        var handler = new ScriptedConversationHandler((message, _) => Task.FromResult(Reply.Plain($"You wrote: {message.Text}", "en")));
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("110", ChannelId, UserId, $"<@{FakeDiscord.BotUserId}> @everyone @here <@&123> **loud**", GuildId, mentionBot: true));
        var post = await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{ChannelId}/messages");

        var body = post.Json!.AsObject();
        var mentions = body["allowed_mentions"]!.AsObject();
        Assert.Empty(mentions["parse"]!.AsArray());
        Assert.False(mentions.ContainsKey("users"));
        Assert.False(mentions.ContainsKey("roles"));
        Assert.False((bool)mentions["replied_user"]!);
        Assert.Equal("You wrote: \\@everyone \\@here \\<\\@&123> \\*\\*loud\\*\\*", (string?)body["content"]);
    }

    [Fact]
    public async Task Reply_LongerThanLimit_SplitIntoMessagesOf2000()
    {
        var text = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"Line {i}: " + new string('x', 40)));
        var handler = new ScriptedConversationHandler((_, _) => Task.FromResult(Reply.Plain(text, "en")));
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("120", DmChannelId, UserId, "tell me everything"));
        await handler.WaitForMessageAsync();
        var posts = new List<RecordedRequest>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{DmChannelId}/messages"));
        }

        Assert.All(posts, post => Assert.InRange(((string?)post.Json!["content"])!.Length, 1, 2000));
        Assert.Equal("120", (string?)posts[0].Json!["message_reference"]!["message_id"]);
        Assert.Null(posts[1].Json!["message_reference"]);
        Assert.Equal(text, string.Join('\n', posts.Select(post => (string?)post.Json!["content"])));
    }

    [Fact]
    public async Task GuildMessage_WithoutMention_IsIgnored()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("130", ChannelId, UserId, "just chatting", GuildId));
        var bot = FakeDiscord.Message("131", ChannelId, "700000000000000099", $"<@{FakeDiscord.BotUserId}> from a bot", GuildId, mentionBot: true);
        bot["author"]!["bot"] = true;
        await _discord.DispatchAsync("MESSAGE_CREATE", bot);
        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("132", ChannelId, UserId, $"<@!{FakeDiscord.BotUserId}> hi", GuildId, mentionBot: true));
        var handled = await handler.WaitForMessageAsync();

        Assert.Equal("132", handled.MessageId);
        Assert.Equal("hi", handled.Text);
        Assert.Single(handler.Messages);
    }

    [Fact]
    public async Task DirectMessage_SlashText_BecomesCommand()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("140", DmChannelId, UserId, "/rate Heat 4.5"));
        var message = await handler.WaitForMessageAsync();

        Assert.Equal("rate", message.Command!.Name);
        Assert.Equal("Heat 4.5", message.Command.Arguments);
        Assert.Equal(DmChannelId, message.ConversationId);
        Assert.Null(message.Locale);
    }

    [Fact]
    public async Task PrivateReply_InGuild_GoesToDirectMessages()
    {
        var handler = new ScriptedConversationHandler((_, _) => Task.FromResult(new Reply { Text = "Your ratings: Heat ★4", IsPrivate = true, Language = "zh" }));
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("150", ChannelId, UserId, $"<@{FakeDiscord.BotUserId}> /ratings", GuildId, mentionBot: true));
        var openDm = await _discord.WaitForRequestAsync(request => request.Path == "/users/@me/channels");
        var privateMessage = await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{DmChannelId}/messages");
        var notice = await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{ChannelId}/messages");

        Assert.Equal(UserId, (string?)openDm.Json!["recipient_id"]);
        Assert.Equal("Your ratings: Heat ★4", (string?)privateMessage.Json!["content"]);
        Assert.Contains("私信", (string?)notice.Json!["content"], StringComparison.Ordinal);
        Assert.DoesNotContain("Heat", (string?)notice.Json["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_FailedSend_IsLoggedAndNextMessageStillAnswered()
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler);
        _discord.EnqueueRest(request => request.Path == $"/channels/{DmChannelId}/messages"
            ? new FakeResponse(400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035 })
            : null);

        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("160", DmChannelId, UserId, "first"));
        await _discord.DispatchAsync("MESSAGE_CREATE", FakeDiscord.Message("161", DmChannelId, UserId, "second"));
        await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{DmChannelId}/messages");
        await _discord.WaitForRequestAsync(request => request.Path == $"/channels/{DmChannelId}/messages");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Error, "Replying to Discord message"))
        {
            await Task.Delay(20, timeout.Token);
        }

        var failure = Assert.Single(host.Logs.Lines, line => line.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("50035", failure.Text, StringComparison.Ordinal);
        Assert.Equal(2, handler.Messages.Count);
    }

    private async Task<DiscordTestHost> StartAsync(IConversationHandler handler)
    {
        var host = await DiscordTestHost.StartAsync(_discord, handler, settings: new Dictionary<string, string?> { ["Discord:RegisterCommands"] = "false" });
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        return host;
    }
}
