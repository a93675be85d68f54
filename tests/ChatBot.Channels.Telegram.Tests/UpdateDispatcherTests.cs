using System.Collections.Concurrent;
using ChatBot.Channels.Telegram.Receiving;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Channels.Telegram.Tests;

public sealed class UpdateDispatcherTests
{
    [Fact]
    public async Task EnqueueAsync_SameChat_HandlesInArrivalOrderOneAtATime()
    {
        var order = new ConcurrentQueue<int>();
        var running = 0;
        var maxRunning = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dispatcher = new UpdateDispatcher(
            async (update, token) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                await Task.Yield();
                order.Enqueue(update.Id);
                Interlocked.Decrement(ref running);
                if (order.Count == 20)
                {
                    allDone.TrySetResult();
                }
            },
            maxConcurrentChats: 8,
            maxPendingUpdates: 100,
            NullLogger.Instance);

        for (var id = 1; id <= 20; id++)
        {
            await dispatcher.EnqueueAsync(Update(id, chatId: 7), CancellationToken.None);
        }

        await allDone.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(1, 20), order);
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task EnqueueAsync_DifferentChats_RunInParallelUpToTheBound()
    {
        var started = new ConcurrentQueue<long>();
        var twoStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dispatcher = new UpdateDispatcher(
            async (update, token) =>
            {
                started.Enqueue(update.Message!.Chat.Id);
                if (started.Count == 2)
                {
                    twoStarted.TrySetResult();
                }

                await release.Task.WaitAsync(token);
            },
            maxConcurrentChats: 2,
            maxPendingUpdates: 100,
            NullLogger.Instance);

        await dispatcher.EnqueueAsync(Update(1, chatId: 1), CancellationToken.None);
        await dispatcher.EnqueueAsync(Update(2, chatId: 2), CancellationToken.None);
        await dispatcher.EnqueueAsync(Update(3, chatId: 3), CancellationToken.None);
        await twoStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var startedWhileBlocked = started.Count;
        release.TrySetResult();
        await dispatcher.DrainAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

        Assert.Equal(2, startedWhileBlocked);
        Assert.Equal(3, started.Count);
    }

    [Fact]
    public async Task DrainAsync_AfterTimeout_CancelsAndCountsAbandoned()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        await using var dispatcher = new UpdateDispatcher(
            async (update, token) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                    throw;
                }
            },
            maxConcurrentChats: 1,
            maxPendingUpdates: 100,
            NullLogger.Instance);

        await dispatcher.EnqueueAsync(Update(1, chatId: 1), CancellationToken.None);
        await dispatcher.EnqueueAsync(Update(2, chatId: 1), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var abandoned = await dispatcher.DrainAsync(TimeSpan.FromMilliseconds(100), TimeProvider.System);

        Assert.Equal(2, abandoned);
        Assert.True(cancelled);
        Assert.Equal(0, dispatcher.PendingCount);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await dispatcher.EnqueueAsync(Update(3, chatId: 1), CancellationToken.None));
    }

    [Fact]
    public async Task EnqueueAsync_HandlerThrows_LaneContinuesWithNextUpdate()
    {
        var handled = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dispatcher = new UpdateDispatcher(
            (update, token) => update.Id == 1 ? throw new InvalidOperationException("boom") : Task.FromResult(handled.TrySetResult(update.Id)),
            maxConcurrentChats: 1,
            maxPendingUpdates: 100,
            NullLogger.Instance);

        await dispatcher.EnqueueAsync(Update(1, chatId: 1), CancellationToken.None);
        await dispatcher.EnqueueAsync(Update(2, chatId: 1), CancellationToken.None);

        Assert.Equal(2, await handled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }

    private static Update Update(int id, long chatId) => new()
    {
        Id = id,
        Message = new Message { Id = id, Text = "x", Chat = new Chat { Id = chatId, Type = ChatType.Private } },
    };
}
