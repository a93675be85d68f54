using System.Text.Json;
using ChatBot.Channels.Telegram.Rendering;
using ChatBot.Core.Conversations;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatBot.Channels.Telegram.Receiving;

/// <summary>
/// The channel's durable record of updates, kept in one <see cref="IKeyValueStore"/> value so that
/// every change is a single atomic write:
/// <list type="bullet">
/// <item>the next getUpdates offset;</item>
/// <item>the inbox: updates received but not yet handled, replayed after a restart;</item>
/// <item>the ids of recently handled updates, so a redelivered update is dropped;</item>
/// <item>the outbox: replies of handled updates that are not completely sent yet.</item>
/// </list>
/// An update is stored in the inbox before its arrival is confirmed to Telegram (by the next
/// getUpdates offset, or by the webhook's 200 response). It leaves the inbox in the same write that
/// marks it handled and stores its reply in the outbox. A crash therefore neither loses an update nor runs a
/// handled one again; it may resend the reply message that was in flight.
/// </summary>
internal sealed class UpdateLedger
{
    private static readonly JsonSerializerOptions StateJsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IKeyValueStore _store;
    private readonly string _key;
    private readonly int _handledMemory;
    private readonly object _gate = new();
    private readonly SortedDictionary<int, string> _inbox = [];
    private readonly Queue<int> _handledOrder = new();
    private readonly HashSet<int> _handled = [];
    private readonly Dictionary<int, OutboxEntry> _outbox = [];
    private int _nextOffset;

    public UpdateLedger(IKeyValueStore store, long botId, int handledMemory)
    {
        _store = store;
        _key = $"telegram:{botId}:updates";
        _handledMemory = handledMemory;
        Load();
    }

    /// <summary>Gets the offset for the next getUpdates call: one more than the highest id received.</summary>
    public int NextOffset
    {
        get
        {
            lock (_gate)
            {
                return _nextOffset;
            }
        }
    }

    /// <summary>Returns the updates received before a stop or crash and not handled yet, oldest first.</summary>
    public IReadOnlyList<Update> GetInbox()
    {
        lock (_gate)
        {
            return [.. _inbox.Values.Select(json => JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!)];
        }
    }

    /// <summary>Returns the replies of handled updates that were not completely sent, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> GetOutbox()
    {
        lock (_gate)
        {
            return [.. _outbox.Values.OrderBy(entry => entry.UpdateId)];
        }
    }

    /// <summary>
    /// Stores newly received updates in the inbox and returns them; updates already in the inbox or
    /// already handled are left out.
    /// </summary>
    /// <param name="advanceOffset">Whether the updates came from getUpdates, so the next offset moves past them.</param>
    /// <param name="restartOffset">Whether Telegram restarted its update ids lower, so the offset starts again from this batch.</param>
    public IReadOnlyList<Update> Accept(IReadOnlyList<Update> updates, bool advanceOffset, bool restartOffset = false)
    {
        lock (_gate)
        {
            var accepted = new List<Update>(updates.Count);
            var offset = restartOffset ? 0 : _nextOffset;
            foreach (var update in updates)
            {
                if (advanceOffset)
                {
                    offset = Math.Max(offset, update.Id + 1);
                }

                if (_handled.Contains(update.Id) || _inbox.ContainsKey(update.Id) || accepted.Any(u => u.Id == update.Id))
                {
                    continue;
                }

                accepted.Add(update);
            }

            if (accepted.Count == 0 && offset == _nextOffset)
            {
                return accepted;
            }

            foreach (var update in accepted)
            {
                _inbox[update.Id] = JsonSerializer.Serialize(update, JsonBotAPI.Options);
            }

            _nextOffset = offset;
            Save();
            return accepted;
        }
    }

    /// <summary>
    /// Records in one write that an update is handled (or deliberately dropped) and which messages
    /// reply to it; the messages stay in the outbox until <see cref="MarkSent"/> confirms them.
    /// </summary>
    public void Complete(int updateId, long chatId, IReadOnlyList<OutgoingMessage> reply)
    {
        lock (_gate)
        {
            _inbox.Remove(updateId);
            RememberHandled(updateId);
            if (reply.Count > 0)
            {
                _outbox[updateId] = new OutboxEntry(updateId, chatId, reply, 0);
            }

            Save();
        }
    }

    /// <summary>Records how many messages of an update's reply were sent; the entry goes once all were sent.</summary>
    public void MarkSent(int updateId, int sentCount)
    {
        lock (_gate)
        {
            if (!_outbox.TryGetValue(updateId, out var entry))
            {
                return;
            }

            if (sentCount >= entry.Messages.Count)
            {
                _outbox.Remove(updateId);
            }
            else
            {
                _outbox[updateId] = entry with { SentCount = sentCount };
            }

            Save();
        }
    }

    /// <summary>Returns whether the update was handled (within the remembered window).</summary>
    public bool IsHandled(int updateId)
    {
        lock (_gate)
        {
            return _handled.Contains(updateId);
        }
    }

    private void RememberHandled(int updateId)
    {
        if (!_handled.Add(updateId))
        {
            return;
        }

        _handledOrder.Enqueue(updateId);
        while (_handledOrder.Count > _handledMemory)
        {
            _handled.Remove(_handledOrder.Dequeue());
        }
    }

    private void Load()
    {
        var json = _store.Get(_key);
        if (json is null)
        {
            return;
        }

        // A value that no longer parses means a programming error or a damaged database. Throwing
        // keeps the inbox for inspection, because silently starting over would drop its updates.
        var state = JsonSerializer.Deserialize<LedgerState>(json, StateJsonOptions)
            ?? throw new InvalidDataException($"The stored Telegram update state '{_key}' is empty.");
        _nextOffset = state.NextOffset;
        foreach (var (id, update) in state.Inbox)
        {
            _inbox[id] = update;
        }

        foreach (var id in state.Handled)
        {
            RememberHandled(id);
        }

        foreach (var entry in state.Outbox)
        {
            _outbox[entry.UpdateId] = entry;
        }
    }

    private void Save()
    {
        var state = new LedgerState(
            _nextOffset,
            new Dictionary<int, string>(_inbox),
            [.. _handledOrder],
            [.. _outbox.Values]);
        _store.Set(_key, JsonSerializer.Serialize(state, StateJsonOptions));
    }

    private sealed record LedgerState(
        int NextOffset,
        Dictionary<int, string> Inbox,
        List<int> Handled,
        List<OutboxEntry> Outbox);
}

/// <summary>The reply of one handled update, with how many of its messages were already sent.</summary>
internal sealed record OutboxEntry(int UpdateId, long ChatId, IReadOnlyList<OutgoingMessage> Messages, int SentCount);
