using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Storage.Tests;

public sealed class PersonStoreTests
{
    [Fact]
    public void GetOrCreate_SameIdentityTwice_ReturnsSamePerson()
    {
        using var store = new StoreFixture();

        var first = store.People.GetOrCreate(new PlatformIdentity("telegram", "42"));
        var second = store.People.GetOrCreate(new PlatformIdentity("Telegram", "42"));

        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public void GetOrCreate_SameIdOnTwoPlatforms_CreatesTwoPeople()
    {
        using var store = new StoreFixture();

        var telegram = store.People.GetOrCreate(new PlatformIdentity("telegram", "42"));
        var discord = store.People.GetOrCreate(new PlatformIdentity("discord", "42"));

        Assert.NotEqual(telegram.Id, discord.Id);
    }

    [Fact]
    public void GetOrCreate_SnowflakeAbove2Pow53_KeepsEveryDigit()
    {
        using var store = new StoreFixture();

        // 2^53 + 1 cannot be represented by a double; a lossy conversion would map both to one person.
        var a = store.People.GetOrCreate(new PlatformIdentity("discord", "9007199254740993"));
        var b = store.People.GetOrCreate(new PlatformIdentity("discord", "9007199254740992"));
        store.Reopen();

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal([new PlatformIdentity("discord", "9007199254740993")], store.People.GetIdentities(a.Id));
    }

    [Fact]
    public void RedeemLinkCode_OtherPlatform_MergesRatingsIntoOnePerson()
    {
        using var store = new StoreFixture();
        var discord = store.People.GetOrCreate(new PlatformIdentity("discord", "111"));
        var telegram = store.People.GetOrCreate(new PlatformIdentity("telegram", "222"));
        store.Ratings.Upsert(discord.Id, 1, Stars.FromValue(4), store.Time.GetUtcNow());
        store.Ratings.Upsert(telegram.Id, 2, Stars.FromValue(3), store.Time.GetUtcNow());
        var code = store.People.CreateLinkCode(discord.Id, TimeSpan.FromMinutes(10));

        var result = store.People.RedeemLinkCode(code.ToLowerInvariant(), new PlatformIdentity("telegram", "222"));

        Assert.Equal(LinkStatus.Linked, result.Status);
        Assert.Equal(discord.Id, store.People.Find(new PlatformIdentity("telegram", "222"))?.Id);
        Assert.Equal([1, 2], store.Ratings.GetRatings(discord.Id).Select(r => r.MovieId).Order());
        Assert.Null(store.People.Get(telegram.Id));
    }

    [Fact]
    public void RedeemLinkCode_AfterLifetime_IsExpired()
    {
        using var store = new StoreFixture();
        var person = store.People.GetOrCreate(new PlatformIdentity("discord", "111"));
        var code = store.People.CreateLinkCode(person.Id, TimeSpan.FromMinutes(10));
        store.Time.Advance(TimeSpan.FromMinutes(11));

        var result = store.People.RedeemLinkCode(code, new PlatformIdentity("telegram", "222"));

        Assert.Equal(LinkStatus.ExpiredCode, result.Status);
        Assert.NotEqual(person.Id, store.People.GetOrCreate(new PlatformIdentity("telegram", "222")).Id);
    }

    [Fact]
    public void RedeemLinkCode_UnknownOrUsedCode_IsInvalid()
    {
        using var store = new StoreFixture();
        var person = store.People.GetOrCreate(new PlatformIdentity("discord", "111"));
        var code = store.People.CreateLinkCode(person.Id, TimeSpan.FromMinutes(10));
        store.People.RedeemLinkCode(code, new PlatformIdentity("telegram", "222"));

        Assert.Equal(LinkStatus.InvalidCode, store.People.RedeemLinkCode(code, new PlatformIdentity("telegram", "333")).Status);
        Assert.Equal(LinkStatus.InvalidCode, store.People.RedeemLinkCode("nonsense", new PlatformIdentity("telegram", "333")).Status);
    }

    [Fact]
    public void Forget_Person_DeletesRatingsIdentitiesAndMemory()
    {
        using var store = new StoreFixture();
        var identity = new PlatformIdentity("telegram", "42");
        var person = store.People.GetOrCreate(identity);
        store.Ratings.Upsert(person.Id, 1, Stars.FromValue(5), store.Time.GetUtcNow());
        store.Ratings.Mark(person.Id, 2, MovieMarkKind.Seen, store.Time.GetUtcNow());
        store.Conversations.Save(Core.Conversations.ConversationState.Empty(person.Id, "telegram:42") with { LastListedMovieIds = [3] });

        store.People.Forget(person.Id);

        Assert.Null(store.People.Find(identity));
        Assert.Empty(store.Ratings.GetRatings(person.Id));
        Assert.Empty(store.Ratings.GetMarks(person.Id));
        Assert.Empty(store.Conversations.Load(person.Id, "telegram:42").LastListedMovieIds);
    }
}
