using System.Net;
using ChatBot.Channels.Discord.Rest;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Channels.Discord.Tests;

public sealed class TimingPolicyTests
{
    [Fact]
    public void ExponentialBackoff_Attempts_DoubleWithJitterUpToMaximum()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), new FakeTimeProvider(), new Random(7));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay()).ToList();

        for (var attempt = 0; attempt < delays.Count; attempt++)
        {
            var ceiling = Math.Min(10, Math.Pow(2, attempt));
            Assert.InRange(delays[attempt].TotalSeconds, ceiling / 2, ceiling);
        }

        backoff.Reset();
        Assert.InRange(backoff.NextDelay().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public async Task ExponentialBackoff_WaitAsync_CompletesOnlyWhenFakeTimePasses()
    {
        var time = new FakeTimeProvider();
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), time);

        var wait = backoff.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1.9));
        var earlyCompleted = wait.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(2.1));
        var delay = await wait.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(earlyCompleted);
        Assert.InRange(delay.TotalSeconds, 2, 4);
    }

    [Fact]
    public async Task RateLimiter_BucketAtZero_BlocksUntilResetOnFakeTime()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time, NullLogger.Instance);
        var request = new RestRequest(HttpMethod.Post, "/channels/{channel_id}/messages", "/channels/1/messages", "1");
        var bucket = await limiter.AcquireAsync(request, CancellationToken.None);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Remaining", "0");
        response.Headers.Add("X-RateLimit-Reset-After", "2.5");
        response.Headers.Add("X-RateLimit-Bucket", "abc");
        limiter.Update(request, bucket, response, null);
        RestRateLimiter.Release(bucket);

        var next = limiter.AcquireAsync(request, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2.4));
        var beforeReset = next.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(0.2));
        var acquired = await next.WaitAsync(TimeSpan.FromSeconds(5));
        RestRateLimiter.Release(acquired);

        Assert.False(beforeReset);
        Assert.Same(bucket, acquired);
        Assert.Equal("abc", acquired.Name);
    }

    [Fact]
    public async Task RateLimiter_GlobalLimit_AllowsFiftyPerSecond()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time, NullLogger.Instance);
        for (var i = 0; i < RestRateLimiter.GlobalRequestsPerSecond; i++)
        {
            var request = new RestRequest(HttpMethod.Get, "/channels/{channel_id}", $"/channels/{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            RestRateLimiter.Release(await limiter.AcquireAsync(request, CancellationToken.None));
        }

        var extra = limiter.AcquireAsync(new RestRequest(HttpMethod.Get, "/channels/{channel_id}", "/channels/99", "99"), CancellationToken.None);
        var exempt = limiter.AcquireAsync(new RestRequest(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", "/interactions/1/t/callback", "1", IsInteraction: true), CancellationToken.None);
        var extraBlocked = !extra.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        RestRateLimiter.Release(await extra.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.True(extraBlocked);
        Assert.True(exempt.IsCompletedSuccessfully);
    }

    [Fact]
    public void InvalidRequestCounter_TenMinuteWindow_ForgetsOldRequests()
    {
        var time = new FakeTimeProvider();
        var counter = new InvalidRequestCounter(3, time);
        counter.Record();
        time.Advance(TimeSpan.FromMinutes(4));
        counter.Record();
        counter.Record();

        var atLimit = counter.TimeUntilBelowLimit();
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(TimeSpan.FromMinutes(6), atLimit);
        Assert.Equal(2, counter.Count);
        Assert.Equal(TimeSpan.Zero, counter.TimeUntilBelowLimit());
    }

    [Fact]
    public async Task RateLimiter_PerInteractionBuckets_PrunedWhenIdle()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time, NullLogger.Instance);
        for (var i = 0; i < 100; i++)
        {
            var id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var request = new RestRequest(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", $"/interactions/{id}/t/callback", id, IsInteraction: true);
            RestRateLimiter.Release(await limiter.AcquireAsync(request, CancellationToken.None));
        }

        var beforePrune = limiter.BucketCount;
        time.Advance(RestRateLimiter.IdleBucketLifetime);
        limiter.PruneIdleBuckets();

        Assert.Equal(100, beforePrune);
        Assert.Equal(0, limiter.BucketCount);
    }
}
