using ChatBot.Core.Hosting;

namespace ChatBot.Channels.Discord;

/// <summary>
/// Capped exponential backoff with jitter: attempt n waits a random time between half and all of
/// min(maximum, initial × 2^n), measured on the given <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;

    public ExponentialBackoff(TimeSpan initial, TimeSpan maximum, TimeProvider timeProvider, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        _initial = initial;
        _maximum = maximum;
        _timeProvider = timeProvider;
        _random = random ?? Random.Shared;
    }

    /// <summary>Gets how many delays were handed out since the last reset.</summary>
    public int Attempt { get; private set; }

    /// <summary>Returns the next delay and counts the attempt.</summary>
    public TimeSpan NextDelay()
    {
        var delay = JitteredBackoff.Delay(Attempt, _initial, _maximum, _random);
        Attempt++;
        return delay;
    }

    /// <summary>Waits the next delay on the time provider.</summary>
    public async Task<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        var delay = NextDelay();
        await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        return delay;
    }

    /// <summary>Starts over from the initial delay, after a success.</summary>
    public void Reset() => Attempt = 0;
}
