using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Conversations;

namespace ChatBot.Storage;

/// <summary>Conversation memory in LiteDB, bounded to the most recent turns.</summary>
public sealed class LiteConversationStore(ChatBotDatabase database) : IConversationStore
{
    /// <summary>The number of turns kept per conversation; older turns are dropped on save.</summary>
    public const int MaxStoredTurns = 20;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public ConversationState Load(long personId, string conversationKey)
    {
        var document = database.Database.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations)
            .FindById(DocumentKey(personId, conversationKey));
        return document is null ? ConversationState.Empty(personId, conversationKey) : Parse(document, personId, conversationKey);
    }

    /// <summary>Loads every stored conversation of the person, most recently updated first, for a data export.</summary>
    public IReadOnlyList<ConversationState> LoadAll(long personId) =>
        [.. database.Database.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations)
            .Find(d => d.PersonId == personId)
            .OrderByDescending(d => d.UpdatedAtMs)
            .Select(d => Parse(d, personId))];

    public void Save(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bounded = state.Turns.Count > MaxStoredTurns
            ? state with { Turns = [.. state.Turns.Skip(state.Turns.Count - MaxStoredTurns)] }
            : state;
        database.Write(db => db.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).Upsert(new ConversationDocument
        {
            Id = DocumentKey(state.PersonId, state.ConversationKey),
            PersonId = state.PersonId,
            StateJson = JsonSerializer.Serialize(bounded, JsonOptions),
            UpdatedAtMs = database.NowMs(),
        }));
    }

    public void DeleteAll(long personId) =>
        database.WriteDurably(db => db.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).DeleteMany(d => d.PersonId == personId));

    private static ConversationState Parse(ConversationDocument document, long personId, string? conversationKey = null)
    {
        // The key is the part of the document id after "personId|".
        var key = conversationKey ?? document.Id[(document.Id.IndexOf('|', StringComparison.Ordinal) + 1)..];
        try
        {
            return JsonSerializer.Deserialize<ConversationState>(document.StateJson, JsonOptions)
                ?? ConversationState.Empty(personId, key);
        }
        catch (JsonException)
        {
            // Memory written by an older version that no longer parses is dropped, not fatal.
            return ConversationState.Empty(personId, key);
        }
    }

    private static string DocumentKey(long personId, string conversationKey) => $"{personId}|{conversationKey}";
}
