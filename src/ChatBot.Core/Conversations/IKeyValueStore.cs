namespace ChatBot.Core.Conversations;

/// <summary>Small durable values that channels keep across restarts (a polling offset, handled update ids).</summary>
public interface IKeyValueStore
{
    string? Get(string key);

    void Set(string key, string value);

    void Delete(string key);
}
