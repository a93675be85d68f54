using ChatBot.Core.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Telegram.Bot.Exceptions;

namespace ChatBot.Channels.Telegram;

/// <summary>
/// The channel's retry policies as Polly pipelines on an injected <see cref="TimeProvider"/>: a 429
/// waits the retry_after Telegram sends, other transient failures back off exponentially with jitter.
/// </summary>
internal static class TelegramRetry
{
    /// <summary>Returns the wait Telegram asked for in a 429 response, or null.</summary>
    public static TimeSpan? RetryAfter(Exception? exception) =>
        exception is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: int seconds }
            ? TimeSpan.FromSeconds(Math.Max(seconds, 0))
            : null;

    /// <summary>Returns whether a failed request may succeed when repeated: 429, 5xx, timeouts and network errors.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        ApiRequestException api => api.ErrorCode is 429 or >= 500,
        RequestException => true,
        _ => false,
    };

    /// <summary>Returns whether another getUpdates poller or a webhook holds the bot (409 Conflict).</summary>
    public static bool IsConflict(Exception? exception) => exception is ApiRequestException { ErrorCode: 409 };

    /// <summary>
    /// Builds the policy for sends and other one-off calls: at most <paramref name="maxRetries"/>
    /// retries, backing off from 1 s up to 30 s.
    /// </summary>
    public static ResiliencePipeline ForRequests(int maxRetries, TimeProvider timeProvider, ILogger logger, ChannelMonitor? monitor = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = Math.Max(maxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryAfter(args.Outcome.Exception) ?? Backoff(args.AttemptNumber, TimeSpan.FromSeconds(30))),
                OnRetry = args =>
                {
                    LogRetry(logger, args.Context.OperationKey, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    if (RetryAfter(args.Outcome.Exception) is not null)
                    {
                        monitor?.RateLimited(args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>
    /// Builds the policy for receiving (getUpdates, setup calls): retries without limit on transient
    /// failures and on 409 Conflict, backing off from 1 s up to 60 s; a 401 or other client error ends it.
    /// </summary>
    public static ResiliencePipeline ForReceiving(TimeProvider timeProvider, ILogger logger, ChannelMonitor? monitor = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception) || IsConflict(args.Outcome.Exception)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryAfter(args.Outcome.Exception) ?? Backoff(args.AttemptNumber, TimeSpan.FromSeconds(60))),
                OnRetry = args =>
                {
                    if (RetryAfter(args.Outcome.Exception) is not null)
                    {
                        monitor?.RateLimited(args.RetryDelay);
                    }
                    else
                    {
                        monitor?.Reconnecting(IsConflict(args.Outcome.Exception) ? "conflict" : "network");
                    }

                    if (IsConflict(args.Outcome.Exception))
                    {
                        TelegramLog.PollingConflict(logger, args.Outcome.Exception!.Message, args.RetryDelay);
                    }
                    else
                    {
                        LogRetry(logger, args.Context.OperationKey, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>Returns the wait before retry <paramref name="attempt"/>: 1 s doubling per attempt up to <paramref name="maxDelay"/>, with jitter.</summary>
    internal static TimeSpan Backoff(int attempt, TimeSpan maxDelay) =>
        JitteredBackoff.Delay(attempt, TimeSpan.FromSeconds(1), maxDelay, Random.Shared);

    private static void LogRetry(ILogger logger, string? operation, int attempt, TimeSpan delay, Exception? exception)
    {
        if (RetryAfter(exception) is not null)
        {
            TelegramLog.RateLimited(logger, operation ?? "request", delay);
        }
        else
        {
            TelegramLog.RequestRetrying(logger, exception, operation ?? "request", attempt, delay);
        }
    }
}
