using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Storage.Tests;

/// <summary>A real LiteDB file in a temporary folder with the stores over it.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TemporaryFolder _folder = new("chatbot-storage");

    public StoreFixture()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        Path = _folder.Combine("chatbot.db");
        Open();
    }

    public string Path { get; }

    public FakeTimeProvider Time { get; }

    public ChatBotDatabase Database { get; private set; } = null!;

    public LitePersonStore People { get; private set; } = null!;

    public LiteRatingStore Ratings { get; private set; } = null!;

    public LiteConversationStore Conversations { get; private set; } = null!;

    public LiteKeyValueStore Values { get; private set; } = null!;

    /// <summary>Closes and opens the database file again, as a restart would.</summary>
    public void Reopen()
    {
        Database.Dispose();
        Open();
    }

    public void Dispose()
    {
        Database.Dispose();
        _folder.Dispose();
    }

    private void Open()
    {
        Database = new ChatBotDatabase(Path, NullLogger<ChatBotDatabase>.Instance, Time);
        People = new LitePersonStore(Database);
        Ratings = new LiteRatingStore(Database);
        Conversations = new LiteConversationStore(Database);
        Values = new LiteKeyValueStore(Database);
    }
}
