using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using ChatBot.Channels.Discord.Models;
using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using Microsoft.Extensions.Logging;

namespace ChatBot.Channels.Discord.Rest;

/// <summary>
/// Keeps Discord's REST rate limits: per-route buckets learned from the X-RateLimit headers (split by the major
/// parameter), the global limit of 50 requests per second (interaction endpoints are exempt) and pauses ordered
/// by 429 responses. Requests of one bucket are sent one at a time, so none leaves before its bucket resets.
/// </summary>
internal sealed partial class RestRateLimiter(TimeProvider timeProvider, ILogger logger, ChatBotMetrics? metrics = null)
{
    public const int GlobalRequestsPerSecond = 50;

    /// <summary>How long an unused bucket is kept. Interaction buckets are per interaction, so they must not pile up.</summary>
    public static readonly TimeSpan IdleBucketLifetime = TimeSpan.FromMinutes(2);

    private const int PruneEveryAcquires = 256;

    private readonly ConcurrentDictionary<string, string> _bucketHashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalPausedUntil = DateTimeOffset.MinValue;
    private long _acquireCount;

    /// <summary>Gets the number of buckets currently kept, for tests and diagnostics.</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>Waits until the request's bucket and the global limit allow it, and reserves the bucket.</summary>
    public async Task<RateLimitBucket> AcquireAsync(RestRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _acquireCount) % PruneEveryAcquires == 0)
        {
            PruneIdleBuckets();
        }

        var bucket = GetBucket(request);
        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = timeProvider.GetUtcNow();
                var bucketWait = bucket.TimeUntilAvailable(now);
                var globalWait = request.IsInteraction ? TimeSpan.Zero : GlobalPauseRemaining(now);
                var wait = bucketWait > globalWait ? bucketWait : globalWait;
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                LogWaiting(logger, globalWait >= bucketWait ? "global" : bucket.Name, (long)wait.TotalMilliseconds, request.Method.Method, request.SafePath);
                metrics?.RateLimitWaited(Platforms.Discord, wait);
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (!request.IsInteraction)
            {
                await TakeGlobalSlotAsync(cancellationToken).ConfigureAwait(false);
            }

            bucket.Consume(timeProvider.GetUtcNow());
            return bucket;
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }
    }

    /// <summary>Releases the bucket reserved by <see cref="AcquireAsync"/>.</summary>
    public static void Release(RateLimitBucket bucket) => bucket.Gate.Release();

    /// <summary>Learns the bucket's state from a response, including a 429's retry time.</summary>
    public void Update(RestRequest request, RateLimitBucket bucket, HttpResponseMessage response, DiscordErrorBody? rateLimitBody)
    {
        var now = timeProvider.GetUtcNow();
        var headers = response.Headers;
        var hash = Header(headers, "X-RateLimit-Bucket");
        if (hash is not null && _bucketHashes.TryAdd(request.RouteKey, hash))
        {
            bucket.Name = hash;
            _buckets.TryAdd(BucketKey(hash, request.MajorParameter), bucket);
        }

        var remaining = ParseDouble(Header(headers, "X-RateLimit-Remaining"));
        var resetAfter = ParseDouble(Header(headers, "X-RateLimit-Reset-After"));
        if (remaining is not null && resetAfter is not null)
        {
            bucket.Set((int)remaining.Value, now + TimeSpan.FromSeconds(resetAfter.Value));
        }

        if ((int)response.StatusCode != 429)
        {
            return;
        }

        var retryHeader = ParseDouble(Header(headers, "Retry-After")) ?? 0;
        var retryAfter = TimeSpan.FromSeconds(Math.Max(retryHeader, rateLimitBody?.RetryAfter ?? 0));
        var isGlobal = string.Equals(Header(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || rateLimitBody?.Global == true;
        if (isGlobal)
        {
            lock (_globalLock)
            {
                var until = now + retryAfter;
                if (until > _globalPausedUntil)
                {
                    _globalPausedUntil = until;
                }
            }
        }
        else
        {
            bucket.Set(0, now + retryAfter);
        }
    }

    private RateLimitBucket GetBucket(RestRequest request)
    {
        var key = _bucketHashes.TryGetValue(request.RouteKey, out var hash)
            ? BucketKey(hash, request.MajorParameter)
            : BucketKey(request.RouteKey, request.MajorParameter);
        return _buckets.GetOrAdd(key, static (_, name) => new RateLimitBucket(name), hash ?? request.RouteKey);
    }

    private static string BucketKey(string bucket, string majorParameter) => $"{bucket}|{majorParameter}";

    /// <summary>Removes buckets that are not in use, not waiting for a reset and unused for <see cref="IdleBucketLifetime"/>.</summary>
    internal void PruneIdleBuckets()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsIdle(now, IdleBucketLifetime))
            {
                _buckets.TryRemove(new KeyValuePair<string, RateLimitBucket>(key, bucket));
            }
        }
    }

    private TimeSpan GlobalPauseRemaining(DateTimeOffset now)
    {
        lock (_globalLock)
        {
            return _globalPausedUntil > now ? _globalPausedUntil - now : TimeSpan.Zero;
        }
    }

    private async Task TakeGlobalSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_globalLock)
            {
                var now = timeProvider.GetUtcNow();
                while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _globalWindow.Dequeue();
                }

                if (_globalWindow.Count < GlobalRequestsPerSecond)
                {
                    _globalWindow.Enqueue(now);
                    return;
                }

                wait = _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now;
            }

            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : null;

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Rate limit: waiting {DelayMilliseconds} ms on bucket {Bucket} before {Method} {Path}.")]
    private static partial void LogWaiting(ILogger logger, string bucket, long delayMilliseconds, string method, string path);
}

/// <summary>One rate-limit bucket: requests left and when it resets; unknown until the first response.</summary>
internal sealed class RateLimitBucket(string name)
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private DateTimeOffset _resetAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUsed = DateTimeOffset.MinValue;

    /// <summary>Gets or sets the bucket hash, or the route key until Discord names the bucket.</summary>
    public string Name { get; set; } = name;

    /// <summary>Gets the gate that lets one request of the bucket run at a time.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public TimeSpan TimeUntilAvailable(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_remaining is not 0)
            {
                return TimeSpan.Zero;
            }

            if (now >= _resetAt)
            {
                _remaining = null;
                return TimeSpan.Zero;
            }

            return _resetAt - now;
        }
    }

    public void Consume(DateTimeOffset now)
    {
        lock (_lock)
        {
            _lastUsed = now;
            if (_remaining > 0)
            {
                _remaining--;
            }
        }
    }

    public bool IsIdle(DateTimeOffset now, TimeSpan lifetime)
    {
        lock (_lock)
        {
            return Gate.CurrentCount == 1 && now >= _resetAt && now - _lastUsed >= lifetime;
        }
    }

    public void Set(int remaining, DateTimeOffset resetAt)
    {
        lock (_lock)
        {
            _remaining = remaining;
            if (remaining == 0 || resetAt > _resetAt)
            {
                _resetAt = resetAt;
            }
        }
    }
}
