using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Channels.Discord.Tests.Fakes;
using ChatBot.Core.Messaging;

namespace ChatBot.Channels.Discord.Tests;

public sealed class InteractionTests : IAsyncLifetime
{
    private const int SlashCommand = 2;
    private const int Component = 3;
    private const int Autocomplete = 4;

    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task SlashCommand_SlowGenerator_DeferredWithinDeadlineThenEdited()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedConversationHandler(async (message, token) =>
        {
            await release.Task.WaitAsync(token);
            return Reply.Plain("Here are three comedies.", "en");
        });
        await using var host = await StartAsync(handler);

        var sent = Stopwatch.StartNew();
        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("310000000000000001", SlashCommand, Command("recommend", ("genre", 3, "comedy"))));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/310000000000000001/", StringComparison.Ordinal));
        var answeredAfter = sent.Elapsed;
        release.SetResult();
        var edit = await _discord.WaitForRequestAsync(request => request.Method == "PATCH");

        Assert.True(answeredAfter < TimeSpan.FromSeconds(3), $"first response after {answeredAfter.TotalMilliseconds} ms");
        Assert.Equal(5, (int?)callback.Json!["type"]);
        Assert.Null(callback.Json["data"]);
        Assert.Equal($"/webhooks/{FakeDiscord.ApplicationId}/interaction-token-310000000000000001/messages/@original", edit.Path);
        Assert.Equal("Here are three comedies.", (string?)edit.Json!["content"]);
        Assert.Empty(edit.Json["allowed_mentions"]!["parse"]!.AsArray());
        var message = Assert.Single(handler.Messages);
        Assert.Equal("recommend", message.Command!.Name);
        Assert.Equal("comedy", message.Command.GetOption("genre"));
        Assert.Equal("/recommend comedy", message.Text);
        Assert.Equal("en-US", message.Locale);
        Assert.Equal("310000000000000001", message.MessageId);
    }

    [Fact]
    public async Task SlashCommand_QuickReply_AnsweredDirectlyWithOptions()
    {
        var handler = new ScriptedConversationHandler((message, _) => Task.FromResult(Reply.Plain("Rated.", "en")));
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("320000000000000001", SlashCommand, Command("rate", ("title", 3, "The Matrix (1999)"), ("stars", 10, 4.5)), locale: "zh-CN"));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/320000000000000001/", StringComparison.Ordinal));

        Assert.Equal(4, (int?)callback.Json!["type"]);
        Assert.Equal("Rated.", (string?)callback.Json["data"]!["content"]);
        Assert.Null(callback.Json["data"]!["flags"]);
        var message = Assert.Single(handler.Messages);
        Assert.Equal("The Matrix (1999)", message.Command!.GetOption("title"));
        Assert.Equal("4.5", message.Command.GetOption("stars"));
        Assert.Equal("zh-CN", message.Locale);
        Assert.Equal("700000000000000001", message.PlatformUserId);
        Assert.Equal("600000000000000001", message.ConversationId);
        Assert.DoesNotContain(_discord.Requests, request => request.Method == "PATCH");
    }

    [Fact]
    public async Task SlashCommand_PrivateCommandSlow_DefersEphemerally()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedConversationHandler(async (_, token) =>
        {
            await release.Task.WaitAsync(token);
            return new Reply { Text = "Your ratings", IsPrivate = true, Kind = ReplyKind.RatingList };
        });
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("330000000000000001", SlashCommand, Command("ratings")));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/330000000000000001/", StringComparison.Ordinal));
        release.SetResult();
        var edit = await _discord.WaitForRequestAsync(request => request.Method == "PATCH");

        Assert.Equal(5, (int?)callback.Json!["type"]);
        Assert.Equal(64, (int?)callback.Json["data"]!["flags"]);
        Assert.Equal("Your ratings", (string?)edit.Json!["content"]);
    }

    [Fact]
    public async Task SlashCommand_PrivateReplyAfterPublicDeferral_DeletesAndFollowsUpEphemerally()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedConversationHandler(async (_, token) =>
        {
            await release.Task.WaitAsync(token);
            return new Reply { Text = "Only for you", IsPrivate = true };
        });
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("340000000000000001", SlashCommand, Command("similar", ("title", 3, "Heat"))));
        await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/340000000000000001/", StringComparison.Ordinal));
        release.SetResult();
        var delete = await _discord.WaitForRequestAsync(request => request.Method == "DELETE");
        var followup = await _discord.WaitForRequestAsync(request => request.Method == "POST" && request.Path.StartsWith("/webhooks/", StringComparison.Ordinal));

        Assert.EndsWith("/messages/@original", delete.Path, StringComparison.Ordinal);
        Assert.Equal(64, (int?)followup.Json!["flags"]);
        Assert.Equal("Only for you", (string?)followup.Json["content"]);
    }

    [Fact]
    public async Task SlashCommand_DeferralRetriedAfterLostResponse_StillEdited()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedConversationHandler(async (_, token) =>
        {
            await release.Task.WaitAsync(token);
            return Reply.Plain("Done.", "en");
        });
        await using var host = await StartAsync(handler);

        // The first callback is received but its response is lost (500); the retry learns it was acknowledged.
        _discord.EnqueueRest(request => request.Path.StartsWith("/interactions/", StringComparison.Ordinal) ? new FakeResponse(500, null) : null);
        _discord.EnqueueRest(request => request.Path.StartsWith("/interactions/", StringComparison.Ordinal)
            ? new FakeResponse(400, new JsonObject { ["message"] = "Interaction has already been acknowledged.", ["code"] = 40060 })
            : null);
        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("341000000000000001", SlashCommand, Command("recommend")));
        await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/341000000000000001/", StringComparison.Ordinal));
        await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/341000000000000001/", StringComparison.Ordinal));
        release.SetResult();
        var edit = await _discord.WaitForRequestAsync(request => request.Method == "PATCH");

        Assert.Equal("Done.", (string?)edit.Json!["content"]);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task SlashCommand_HandlerThrows_AnswersWithApology()
    {
        var handler = new ScriptedConversationHandler((_, _) => throw new InvalidOperationException("boom"));
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("350000000000000001", SlashCommand, Command("forget")));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/350000000000000001/", StringComparison.Ordinal));

        Assert.Equal(4, (int?)callback.Json!["type"]);
        Assert.Equal(64, (int?)callback.Json["data"]!["flags"]);
        Assert.Contains("something went wrong", (string?)callback.Json["data"]!["content"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Autocomplete_PartialTitle_SuggestsCatalogTitles()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler(), MovieLensData.Titles);

        var sent = Stopwatch.StartNew();
        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("360000000000000001", Autocomplete, Typing("rate", "title", "matri")));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/360000000000000001/", StringComparison.Ordinal));
        var answeredAfter = sent.Elapsed;

        Assert.Equal(8, (int?)callback.Json!["type"]);
        var choices = callback.Json["data"]!["choices"]!.AsArray();
        Assert.Equal("The Matrix (1999)", (string?)choices[0]!["name"]);
        Assert.Equal("The Matrix (1999)", (string?)choices[0]!["value"]);
        Assert.Contains(choices, choice => ((string?)choice!["name"])!.StartsWith("The Matrix Reloaded", StringComparison.Ordinal));
        Assert.True(answeredAfter < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Autocomplete_CommonWord_ReturnsAtMost25ShortChoices()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler(), MovieLensData.Titles);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("361000000000000001", Autocomplete, Typing("similar", "title", "the")));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/361000000000000001/", StringComparison.Ordinal));

        var choices = callback.Json!["data"]!["choices"]!.AsArray();
        Assert.Equal(25, choices.Count);
        Assert.All(choices, choice => Assert.InRange(((string?)choice!["name"])!.Length, 1, 100));
        Assert.Equal(choices.Count, choices.Select(choice => (string?)choice!["value"]).Distinct().Count());
    }

    [Fact]
    public async Task Autocomplete_NonTitleOption_ReturnsNoChoices()
    {
        await using var host = await StartAsync(new ScriptedConversationHandler(), MovieLensData.Titles);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("362000000000000001", Autocomplete, Typing("recommend", "genre", "com")));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/362000000000000001/", StringComparison.Ordinal));

        Assert.Empty(callback.Json!["data"]!["choices"]!.AsArray());
    }

    [Fact]
    public async Task Button_ValidCustomId_PassesPayloadToHandler()
    {
        var handler = new ScriptedConversationHandler((_, _) => Task.FromResult(Reply.Plain("Saved ★4 for Heat (1995).", "en")));
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("370000000000000001", Component, new JsonObject { ["custom_id"] = "cb:3:r:6:8", ["component_type"] = 2 }));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/370000000000000001/", StringComparison.Ordinal));

        var message = Assert.Single(handler.Messages);
        Assert.Equal("r:6:8", message.ActionPayload);
        Assert.Null(message.Command);
        Assert.Equal(4, (int?)callback.Json!["type"]);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("cb:x:payload")]
    [InlineData("cb:1:")]
    [InlineData("cb:1:\u0001bad")]
    public async Task Button_ForeignCustomId_AnswersPolitelyWithoutHandler(string customId)
    {
        var handler = new ScriptedConversationHandler();
        await using var host = await StartAsync(handler);

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("380000000000000001", Component, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, locale: "zh-CN"));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/380000000000000001/", StringComparison.Ordinal));

        Assert.Empty(handler.Messages);
        Assert.Equal(4, (int?)callback.Json!["type"]);
        Assert.Equal(64, (int?)callback.Json["data"]!["flags"]);
        Assert.Contains("按钮", (string?)callback.Json["data"]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommendation_WithMovies_RendersEmbedsAndDecodableButtons()
    {
        var reply = new Reply
        {
            Text = "Try these:",
            Kind = ReplyKind.Recommendations,
            Movies =
            [
                new ReplyMovie(6, "Heat (1995)", 1995, ["Action", "Crime"], "Because you rated Ronin ★5", null, [new ReplyAction("★4", "r:6:8"), new ReplyAction("Seen it", "s:6")]),
                new ReplyMovie(2571, "The Matrix (1999)", 1999, ["Sci-Fi"], null, null, [new ReplyAction("★5", "r:2571:10")]),
            ],
        };
        await using var host = await StartAsync(new ScriptedConversationHandler((_, _) => Task.FromResult(reply)));

        await _discord.DispatchAsync("INTERACTION_CREATE", FakeDiscord.Interaction("390000000000000001", SlashCommand, Command("recommend")));
        var callback = await _discord.WaitForRequestAsync(request => request.Path.StartsWith("/interactions/390000000000000001/", StringComparison.Ordinal));

        var data = callback.Json!["data"]!;
        var embeds = data["embeds"]!.AsArray();
        Assert.Equal(2, embeds.Count);
        Assert.Equal("1\\. Heat (1995)", (string?)embeds[0]!["title"]);
        Assert.Contains("Action · Crime", (string?)embeds[0]!["description"], StringComparison.Ordinal);
        var buttons = data["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).ToList();
        Assert.Equal(new[] { "1. ★4", "1. Seen it", "2. ★5" }, buttons.Select(button => (string?)button!["label"]));
        var payloads = buttons.Select(button => Adapter.CustomIds.TryDecode((string?)button!["custom_id"], out var payload) ? payload : null);
        Assert.Equal(new[] { "r:6:8", "s:6", "r:2571:10" }, payloads);
    }

    /// <summary>Starts the channel and waits until its session is ready for events.</summary>
    private async Task<DiscordTestHost> StartAsync(IConversationHandler handler, Core.Titles.ITitleIndex? titles = null)
    {
        var host = await DiscordTestHost.StartAsync(_discord, handler, titles, new Dictionary<string, string?> { ["Discord:RegisterCommands"] = "false" });
        var connection = await _discord.WaitForConnectionAsync();
        await connection.SessionStarted;
        return host;
    }

    private static JsonObject Command(string name, params (string Name, int Type, object Value)[] options)
    {
        var array = new JsonArray();
        foreach (var option in options)
        {
            array.Add(new JsonObject { ["name"] = option.Name, ["type"] = option.Type, ["value"] = JsonValue.Create(option.Value) });
        }

        return new JsonObject { ["id"] = "200000000000000001", ["name"] = name, ["type"] = 1, ["options"] = array };
    }

    /// <summary>Builds autocomplete data: the user is typing <paramref name="partial"/> into one string option.</summary>
    private static JsonObject Typing(string name, string optionName, string partial)
    {
        var data = Command(name, (optionName, 3, partial));
        data["options"]![0]!["focused"] = true;
        return data;
    }
}
