using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Conversations;

namespace ChatBot.Storage;

/// <summary>
/// Conversation memory, bounded to the most recent turns. States live in memory and are written to
/// LiteDB in the background about once a second and when the database closes, so a message costs no
/// database write; a crash can lose the last second of memory, never a rating.
/// </summary>
public sealed class LiteConversationStore : IConversationStore, IDisposable
{
    /// <summary>The number of turns kept per conversation; older turns are dropped on save.</summary>
    public const int MaxStoredTurns = 20;

    /// <summary>The number of conversations kept in memory; beyond it, written ones are dropped from memory.</summary>
    private const int MaxCachedConversations = 20_000;

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ChatBotDatabase _database;
    private readonly ITimer _timer;
    private readonly object _flushLock = new();

    public LiteConversationStore(ChatBotDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _database.BeforeClose += Flush;
        _timer = database.TimeProvider.CreateTimer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    private StoreCache Cache => _database.Cache;

    public ConversationState Load(long personId, string conversationKey)
    {
        var key = DocumentKey(personId, conversationKey);
        if (Cache.Conversations.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var document = _database.Database.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).FindById(key);
        var state = Deserialize(document?.StateJson) ?? ConversationState.Empty(personId, conversationKey);
        Cache.Conversations.TryAdd(key, state);
        return state;
    }

    /// <summary>
    /// Loads every conversation of the person, most recently updated first, for a data export. Changes
    /// still in memory are written first, so the result includes the latest turns.
    /// </summary>
    public IReadOnlyList<ConversationState> LoadAll(long personId)
    {
        Flush();
        return [.. _database.Database.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations)
            .Find(d => d.PersonId == personId)
            .OrderByDescending(d => d.UpdatedAtMs)
            .Select(d => Deserialize(d.StateJson))
            .OfType<ConversationState>()];
    }

    public void Save(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bounded = state.Turns.Count > MaxStoredTurns
            ? state with { Turns = [.. state.Turns.Skip(state.Turns.Count - MaxStoredTurns)] }
            : state;
        var key = DocumentKey(state.PersonId, state.ConversationKey);
        Cache.Conversations[key] = bounded;
        Cache.DirtyConversations[key] = 0;
    }

    public void DeleteAll(long personId)
    {
        var prefix = $"{personId}|";
        foreach (var key in Cache.Conversations.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Cache.Conversations.TryRemove(key, out _);
            Cache.DirtyConversations.TryRemove(key, out _);
        }

        _database.WriteDurably(db => db.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).DeleteMany(d => d.PersonId == personId));
    }

    /// <summary>Writes every changed conversation to the database.</summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            foreach (var key in Cache.DirtyConversations.Keys)
            {
                Cache.DirtyConversations.TryRemove(key, out _);
                if (!Cache.Conversations.TryGetValue(key, out var state))
                {
                    continue;
                }

                _database.Write(db => db.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).Upsert(new ConversationDocument
                {
                    Id = key,
                    PersonId = state.PersonId,
                    StateJson = JsonSerializer.Serialize(state, JsonOptions),
                    UpdatedAtMs = _database.NowMs(),
                }));
            }

            Trim();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    private void Trim()
    {
        var excess = Cache.Conversations.Count - MaxCachedConversations;
        foreach (var key in Cache.Conversations.Keys)
        {
            if (excess <= 0)
            {
                break;
            }

            if (!Cache.DirtyConversations.ContainsKey(key) && Cache.Conversations.TryRemove(key, out _))
            {
                excess--;
            }
        }
    }

    private static ConversationState? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConversationState>(json, JsonOptions);
        }
        catch (JsonException)
        {
            // Memory written by an older version that no longer parses is dropped, not fatal.
            return null;
        }
    }

    private static string DocumentKey(long personId, string conversationKey) => $"{personId}|{conversationKey}";
}
