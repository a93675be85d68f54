namespace ChatBot.Channels.Discord.Rest;

/// <summary>
/// Counts invalid requests (401, 403 and 429 other than shared-scope 429) in a sliding 10-minute window,
/// because Discord bans an IP address that makes 10,000 of them in 10 minutes.
/// </summary>
internal sealed class InvalidRequestCounter(int limit, TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Queue<DateTimeOffset> _times = new();
    private readonly Lock _lock = new();

    public int Limit => limit;

    /// <summary>Gets the number of invalid requests in the current window.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                Trim(timeProvider.GetUtcNow());
                return _times.Count;
            }
        }
    }

    /// <summary>Records one invalid request and returns the count in the window.</summary>
    public int Record()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            Trim(now);
            _times.Enqueue(now);
            return _times.Count;
        }
    }

    /// <summary>Returns how long until the window contains fewer than the limit, or zero when it already does.</summary>
    public TimeSpan TimeUntilBelowLimit()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            Trim(now);
            if (_times.Count < limit)
            {
                return TimeSpan.Zero;
            }

            // The oldest entries leave first; after (count - limit + 1) of them leave, the count is below the limit.
            var leaving = _times.ElementAt(_times.Count - limit);
            return leaving + Window - now;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_times.Count > 0 && now - _times.Peek() >= Window)
        {
            _times.Dequeue();
        }
    }
}
