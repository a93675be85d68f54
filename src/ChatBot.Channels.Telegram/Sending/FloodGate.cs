namespace ChatBot.Channels.Telegram.Sending;

/// <summary>
/// Spaces outgoing messages to stay inside Telegram's flood limits: a minimum interval per chat
/// (about one message a second in a private chat, 20 a minute in a group) and a maximum rate over
/// all chats (about 30 a second). Callers wait for their slot in order instead of getting errors.
/// </summary>
internal sealed class FloodGate(TimeSpan privateChatInterval, TimeSpan groupInterval, int globalPerSecond, TimeProvider timeProvider)
{
    private const int PruneThreshold = 10_000;

    private readonly TimeSpan _globalInterval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / globalPerSecond);
    private readonly Dictionary<long, DateTimeOffset> _chatNext = [];
    private readonly object _gate = new();
    private DateTimeOffset _globalNext = DateTimeOffset.MinValue;

    /// <summary>Waits until a message to <paramref name="chatId"/> may be sent, and reserves that slot.</summary>
    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        // Reserve the chat's slot first and the global slot only when the chat's slot has come, so a
        // chat that must wait does not hold back messages to other chats.
        var chatDelay = ReserveChatSlot(chatId);
        if (chatDelay > TimeSpan.Zero)
        {
            await Task.Delay(chatDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        var globalDelay = ReserveGlobalSlot();
        if (globalDelay > TimeSpan.Zero)
        {
            await Task.Delay(globalDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    // Telegram gives private chats positive ids and groups, supergroups and channels negative ones.
    private TimeSpan IntervalFor(long chatId) => chatId < 0 ? groupInterval : privateChatInterval;

    private TimeSpan ReserveChatSlot(long chatId)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (_chatNext.Count > PruneThreshold)
            {
                foreach (var stale in _chatNext.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
                {
                    _chatNext.Remove(stale);
                }
            }

            var slot = _chatNext.TryGetValue(chatId, out var next) && next > now ? next : now;
            _chatNext[chatId] = slot + IntervalFor(chatId);
            return slot - now;
        }
    }

    private TimeSpan ReserveGlobalSlot()
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var slot = _globalNext > now ? _globalNext : now;
            _globalNext = slot + _globalInterval;
            return slot - now;
        }
    }
}
