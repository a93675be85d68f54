using System.Collections.Concurrent;
using System.Collections.Immutable;
using ChatBot.Core.Conversations;
using ChatBot.Core.People;

namespace ChatBot.Storage;

/// <summary>
/// In-memory copies of what every message reads (the person behind an identity, their ratings and
/// marks), so a message costs no database read once its person has been seen. The stores update the
/// cache after each durable write and drop a person's entries when people are merged or forgotten.
/// </summary>
internal sealed class StoreCache
{
    public ConcurrentDictionary<string, long> PersonByIdentity { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<long, Person> People { get; } = new();

    public ConcurrentDictionary<long, ImmutableDictionary<int, UserRating>> Ratings { get; } = new();

    public ConcurrentDictionary<long, ImmutableDictionary<int, MovieMark>> Marks { get; } = new();

    /// <summary>Gets conversation states by document key ("personId|conversationKey").</summary>
    public ConcurrentDictionary<string, ConversationState> Conversations { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the keys of conversation states changed since they were last written.</summary>
    public ConcurrentDictionary<string, byte> DirtyConversations { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets a lock per person that orders a person's rating writes with their cache updates.</summary>
    public ConcurrentDictionary<long, object> PersonLocks { get; } = new();

    public object LockFor(long personId) => PersonLocks.GetOrAdd(personId, _ => new object());

    /// <summary>Forgets everything cached about a person; the next read loads it from the database.</summary>
    public void Invalidate(long personId)
    {
        People.TryRemove(personId, out _);
        Ratings.TryRemove(personId, out _);
        Marks.TryRemove(personId, out _);
        var prefix = $"{personId}|";
        foreach (var key in Conversations.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Conversations.TryRemove(key, out _);
            DirtyConversations.TryRemove(key, out _);
        }

        foreach (var (identity, id) in PersonByIdentity)
        {
            if (id == personId)
            {
                PersonByIdentity.TryRemove(identity, out _);
            }
        }
    }
}
