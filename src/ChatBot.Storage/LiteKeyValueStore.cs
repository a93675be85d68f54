using ChatBot.Core.Conversations;

namespace ChatBot.Storage;

/// <summary>Durable key-value pairs for channel state, such as a polling offset.</summary>
public sealed class LiteKeyValueStore(ChatBotDatabase database) : IKeyValueStore
{
    public string? Get(string key) =>
        database.Database.GetCollection<ValueDocument>(ChatBotDatabase.Values).FindById(key)?.Value;

    public void Set(string key, string value) =>
        database.WriteDurably(db => db.GetCollection<ValueDocument>(ChatBotDatabase.Values).Upsert(new ValueDocument { Id = key, Value = value }));

    public void Delete(string key) =>
        database.WriteDurably(db => db.GetCollection<ValueDocument>(ChatBotDatabase.Values).Delete(key));
}
