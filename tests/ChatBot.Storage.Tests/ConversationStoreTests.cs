using ChatBot.Core.Conversations;

namespace ChatBot.Storage.Tests;

public sealed class ConversationStoreTests
{
    [Fact]
    public void Save_StateWithPendingQuestion_LoadsEqualAfterReopen()
    {
        using var store = new StoreFixture();
        var now = store.Time.GetUtcNow();
        var state = new ConversationState(
            7,
            "telegram:42",
            [new ConversationTurn(TurnSpeaker.Person, "something like Heat?", now, []), new ConversationTurn(TurnSpeaker.Bot, "Try Ronin (1998).", now, [2023])],
            [2023, 1],
            new PendingQuestion(PendingKind.ChooseMovie, "rate", [2021, 3408], [8, 8], now.AddMinutes(30)),
            now);

        store.Conversations.Save(state);
        store.Reopen();
        var loaded = store.Conversations.Load(7, "telegram:42");

        Assert.Equal(state.Turns, loaded.Turns, (a, b) => a.Text == b.Text && a.Speaker == b.Speaker && a.RecommendedMovieIds.SequenceEqual(b.RecommendedMovieIds));
        Assert.Equal(state.LastListedMovieIds, loaded.LastListedMovieIds);
        Assert.Equal(PendingKind.ChooseMovie, loaded.Pending?.Kind);
        Assert.Equal([2021, 3408], loaded.Pending?.MovieIds);
    }

    [Fact]
    public void Save_ManyTurns_KeepsOnlyTheLatest()
    {
        using var store = new StoreFixture();
        var turns = Enumerable.Range(0, 50).Select(i => new ConversationTurn(TurnSpeaker.Person, $"turn {i}", store.Time.GetUtcNow(), [])).ToList();

        store.Conversations.Save(ConversationState.Empty(1, "console:console") with { Turns = turns });
        var loaded = store.Conversations.Load(1, "console:console");

        Assert.Equal(LiteConversationStore.MaxStoredTurns, loaded.Turns.Count);
        Assert.Equal("turn 49", loaded.Turns[^1].Text);
    }

    [Fact]
    public void KeyValue_SetThenReopen_ReturnsValue()
    {
        using var store = new StoreFixture();

        store.Values.Set("telegram:offset", "1234");
        store.Reopen();

        Assert.Equal("1234", store.Values.Get("telegram:offset"));
    }
}
