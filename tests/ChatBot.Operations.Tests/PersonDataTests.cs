using System.Text.Json;
using ChatBot.Core.Conversations;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Operations.Tests;

public sealed class PersonDataTests : IDisposable
{
    private static readonly DateTimeOffset RatedAt = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly TemporaryFolder _folder = new("chatbot-ops");

    private string DataFolder => _folder.Combine("data");

    [Fact]
    public async Task ExportPerson_LinkedPerson_WritesEverythingStored()
    {
        await SeedAsync();

        var run = await BotHost.RunVerbAsync(DataFolder, "export-person", "--platform", "telegram", "--user", "111");

        Assert.True(run.ExitCode == 0, run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var identities = root.GetProperty("identities").EnumerateArray()
            .Select(i => $"{i.GetProperty("platform").GetString()}:{i.GetProperty("userId").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["discord:923456789012345678", "telegram:111"], identities);
        Assert.Equal("zh", root.GetProperty("settings").GetProperty("language").GetString());

        var ratings = root.GetProperty("ratings").EnumerateArray().ToList();
        Assert.Equal(2, ratings.Count);
        var matrix = ratings.Single(r => r.GetProperty("movieId").GetInt32() == 2571);
        Assert.Equal("The Matrix", matrix.GetProperty("title").GetString());
        Assert.Equal(1999, matrix.GetProperty("year").GetInt32());
        Assert.Equal(4.5, matrix.GetProperty("stars").GetDouble());
        Assert.Equal(RatedAt, matrix.GetProperty("ratedAt").GetDateTimeOffset());

        var mark = Assert.Single(root.GetProperty("marks").EnumerateArray());
        Assert.Equal(1, mark.GetProperty("movieId").GetInt32());
        Assert.Equal("Toy Story", mark.GetProperty("title").GetString());
        Assert.Equal("NotInterested", mark.GetProperty("kind").GetString());

        var conversation = Assert.Single(root.GetProperty("conversations").EnumerateArray());
        Assert.Equal("telegram:111", conversation.GetProperty("conversationKey").GetString());
        var turn = Assert.Single(conversation.GetProperty("turns").EnumerateArray());
        Assert.Equal("something like Alien but funnier", turn.GetProperty("text").GetString());
        Assert.Equal("Person", turn.GetProperty("speaker").GetString());
        Assert.DoesNotContain("222", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportPerson_OutputFile_IsOwnerOnly()
    {
        await SeedAsync();
        var path = _folder.Combine("exports", "person.json");

        var run = await BotHost.RunVerbAsync(DataFolder, "export-person", "--platform", "discord", "--user", "923456789012345678", "--output", path);
        var again = await BotHost.RunVerbAsync(DataFolder, "export-person", "--platform", "discord", "--user", "923456789012345678", "--output", path);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Empty(run.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(2, json.RootElement.GetProperty("ratings").GetArrayLength());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletePerson_WithYes_KeepsOthers()
    {
        await SeedAsync();

        var deleted = await BotHost.RunVerbAsync(DataFolder, "delete-person", "--platform", "telegram", "--user", "111", "--yes");
        var exportAfter = await BotHost.RunVerbAsync(DataFolder, "export-person", "--platform", "discord", "--user", "923456789012345678");
        var other = await BotHost.RunVerbAsync(DataFolder, "export-person", "--platform", "telegram", "--user", "222");
        var stats = await BotHost.RunVerbAsync(DataFolder, "stats", "--json");

        Assert.True(deleted.ExitCode == 0, deleted.Errors);
        Assert.Contains("discord:923456789012345678", deleted.Output, StringComparison.Ordinal);
        Assert.Contains("telegram:111", deleted.Output, StringComparison.Ordinal);
        Assert.Contains("with 2 ratings", deleted.Output, StringComparison.Ordinal);
        Assert.Equal(1, exportAfter.ExitCode);
        Assert.Contains("no person with the identity discord:923456789012345678 was found", exportAfter.Errors, StringComparison.Ordinal);
        Assert.Equal(0, other.ExitCode);
        using var json = JsonDocument.Parse(stats.Output);
        Assert.Equal(1, json.RootElement.GetProperty("people").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("ratings").GetInt32());
        await using var check = BotHost.Create(DataFolder);
        var conversations = check.Services.GetRequiredService<IConversationStore>();
        Assert.Empty(conversations.Load(1, "telegram:111").Turns);
    }

    [Fact]
    public async Task DeletePerson_WithoutYes_DeletesNothing()
    {
        await SeedAsync();

        var run = await BotHost.RunVerbAsync(DataFolder, "delete-person", "--platform", "telegram", "--user", "111");
        var export = await BotHost.RunVerbAsync(DataFolder, "export-person", "--platform", "telegram", "--user", "111");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--yes", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
    }

    [Fact]
    public async Task DeletePerson_UnknownPlatform_NamesTheChoices()
    {
        var run = await BotHost.RunVerbAsync(DataFolder, "delete-person", "--platform", "slack", "--user", "1", "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown platform 'slack'", run.Errors, StringComparison.Ordinal);
        Assert.Contains("console, telegram, discord", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_LinkedPerson_CountsEachPlatform()
    {
        await SeedAsync();

        var text = await BotHost.RunVerbAsync(DataFolder, "stats");
        var json = await BotHost.RunVerbAsync(DataFolder, "stats", "--json");

        Assert.True(text.ExitCode == 0, text.Errors);
        Assert.Contains("People:    2", text.Output, StringComparison.Ordinal);
        Assert.Contains("Ratings:   3 by 2 people", text.Output, StringComparison.Ordinal);
        var lines = text.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => l.StartsWith("discord", StringComparison.Ordinal) && l.EndsWith(" 1          2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("telegram", StringComparison.Ordinal) && l.EndsWith(" 2          3", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("people").GetInt32());
        Assert.Equal(3, root.GetProperty("ratings").GetInt32());
        Assert.Equal(2, root.GetProperty("peopleWithRatings").GetInt32());
        Assert.Equal(2, root.GetProperty("identitiesPerPlatform").GetProperty("telegram").GetInt32());
        Assert.Equal(1, root.GetProperty("identitiesPerPlatform").GetProperty("discord").GetInt32());
        Assert.Equal(3, root.GetProperty("ratingsPerPlatform").GetProperty("telegram").GetInt32());
        Assert.Equal(2, root.GetProperty("ratingsPerPlatform").GetProperty("discord").GetInt32());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Stores person 1 (telegram:111 linked with a Discord account) with two ratings, a mark, a language
    /// and a conversation, and person 2 (telegram:222) with one rating.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var host = BotHost.Create(DataFolder);
        var people = host.Services.GetRequiredService<IPersonStore>();
        var ratings = host.Services.GetRequiredService<IRatingStore>();
        var conversations = host.Services.GetRequiredService<IConversationStore>();

        var person = people.GetOrCreate(new PlatformIdentity(Platforms.Telegram, "111"));
        var code = people.CreateLinkCode(person.Id, TimeSpan.FromMinutes(10));
        Assert.Equal(LinkStatus.Linked, people.RedeemLinkCode(code, new PlatformIdentity(Platforms.Discord, "923456789012345678")).Status);
        people.SetLanguage(person.Id, "zh");
        ratings.Upsert(person.Id, 2571, Stars.FromValue(4.5), RatedAt);
        ratings.Upsert(person.Id, 296, Stars.FromValue(2), RatedAt.AddMinutes(1));
        ratings.Mark(person.Id, 1, MovieMarkKind.NotInterested, RatedAt.AddMinutes(2));
        conversations.Save(new ConversationState(
            person.Id,
            "telegram:111",
            [new ConversationTurn(TurnSpeaker.Person, "something like Alien but funnier", RatedAt, [])],
            [],
            null,
            RatedAt));

        var other = people.GetOrCreate(new PlatformIdentity(Platforms.Telegram, "222"));
        ratings.Upsert(other.Id, 2571, Stars.FromValue(3), RatedAt);
    }
}
