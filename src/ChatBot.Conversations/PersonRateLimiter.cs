using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations;

/// <summary>
/// Limits how many messages one person may send in a sliding window, so one busy person cannot slow
/// the bot down for everyone else.
/// </summary>
public sealed class PersonRateLimiter : IDisposable
{
    private const int SegmentsPerWindow = 6;

    private readonly PartitionedRateLimiter<long>? _limiter;

    public PersonRateLimiter(IOptions<ConversationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.RateLimitMessages == 0)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<long, long>(personId => RateLimitPartition.GetSlidingWindowLimiter(personId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.RateLimitMessages,
            Window = TimeSpan.FromSeconds(settings.RateLimitWindowSeconds),
            SegmentsPerWindow = SegmentsPerWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one message from the person's allowance; returns false and the wait when the allowance is used up.</summary>
    public bool TryAcquire(long personId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(personId);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}
