using ChatBot.Channels.Telegram.Receiving;
using ChatBot.Channels.Telegram.Rendering;
using ChatBot.Storage;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Channels.Telegram.Tests;

public sealed class UpdateLedgerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("telegram-ledger");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Accept_NewUpdates_StoresThemInTheInboxAcrossReopen()
    {
        using (var database = OpenDatabase())
        {
            var ledger = new UpdateLedger(new LiteKeyValueStore(database), 1, 100);
            var accepted = ledger.Accept([TextUpdate(10, "a"), TextUpdate(11, "b")], advanceOffset: true);
            Assert.Equal([10, 11], accepted.Select(u => u.Id));
        }

        using (var database = OpenDatabase())
        {
            var reopened = new UpdateLedger(new LiteKeyValueStore(database), 1, 100);

            Assert.Equal(12, reopened.NextOffset);
            Assert.Equal(["a", "b"], reopened.GetInbox().Select(u => u.Message!.Text));
        }
    }

    [Fact]
    public void Accept_UpdatesAlreadyInInboxOrHandled_LeavesThemOut()
    {
        using var database = OpenDatabase();
        var ledger = new UpdateLedger(new LiteKeyValueStore(database), 1, 100);
        ledger.Accept([TextUpdate(10, "a"), TextUpdate(11, "b")], advanceOffset: false);
        ledger.Complete(10, 42, []);

        var accepted = ledger.Accept([TextUpdate(10, "a"), TextUpdate(11, "b"), TextUpdate(12, "c"), TextUpdate(12, "c")], advanceOffset: false);

        Assert.Equal([12], accepted.Select(u => u.Id));
        Assert.True(ledger.IsHandled(10));
        Assert.Equal(0, ledger.NextOffset);
    }

    [Fact]
    public void Complete_WithReply_MovesUpdateToOutboxUntilSent()
    {
        using var database = OpenDatabase();
        var ledger = new UpdateLedger(new LiteKeyValueStore(database), 1, 100);
        ledger.Accept([TextUpdate(10, "a")], advanceOffset: true);
        OutgoingMessage[] reply = [new("one", "one", []), new("two", "two", [])];

        ledger.Complete(10, 42, reply);
        var afterComplete = ledger.GetOutbox().Single();
        ledger.MarkSent(10, 1);
        var afterFirst = new UpdateLedger(new LiteKeyValueStore(database), 1, 100).GetOutbox().Single();
        ledger.MarkSent(10, 2);

        Assert.Empty(ledger.GetInbox());
        Assert.Equal((42L, 0), (afterComplete.ChatId, afterComplete.SentCount));
        Assert.Equal(1, afterFirst.SentCount);
        Assert.Equal("two", afterFirst.Messages[1].Html);
        Assert.Empty(ledger.GetOutbox());
    }

    [Fact]
    public void Complete_BeyondHandledMemory_ForgetsOldestIds()
    {
        using var database = OpenDatabase();
        var ledger = new UpdateLedger(new LiteKeyValueStore(database), 1, 100);

        for (var id = 1; id <= 150; id++)
        {
            ledger.Complete(id, 42, []);
        }

        Assert.False(ledger.IsHandled(50));
        Assert.True(ledger.IsHandled(51));
        Assert.True(new UpdateLedger(new LiteKeyValueStore(database), 1, 100).IsHandled(150));
    }

    [Fact]
    public void Accept_RestartedIds_MovesOffsetBackToTheNewSequence()
    {
        using var database = OpenDatabase();
        var ledger = new UpdateLedger(new LiteKeyValueStore(database), 1, 100);
        ledger.Accept([TextUpdate(900, "old")], advanceOffset: true);

        ledger.Accept([TextUpdate(5, "new")], advanceOffset: true, restartOffset: true);

        Assert.Equal(6, ledger.NextOffset);
    }

    [Fact]
    public void Ledger_DifferentBots_KeepSeparateState()
    {
        using var database = OpenDatabase();
        var store = new LiteKeyValueStore(database);
        new UpdateLedger(store, 1, 100).Accept([TextUpdate(10, "a")], advanceOffset: true);

        Assert.Equal(0, new UpdateLedger(store, 2, 100).NextOffset);
    }

    private ChatBotDatabase OpenDatabase() => new(_folder.Combine("ledger.db"), NullLogger<ChatBotDatabase>.Instance);

    private static Update TextUpdate(int id, string text) => new()
    {
        Id = id,
        Message = new Message { Id = id, Text = text, Chat = new Chat { Id = 42, Type = ChatType.Private }, From = new User { Id = 42, FirstName = "A" } },
    };
}
