using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace ChatBot.Channels.Telegram.Receiving;

/// <summary>
/// Runs received updates: in arrival order within one chat, several chats at once up to a bound.
/// Each chat has a lane (a queue and one worker task) that exists only while the chat has work.
/// </summary>
internal sealed class UpdateDispatcher : IAsyncDisposable
{
    private readonly Func<Update, CancellationToken, Task> _process;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly SemaphoreSlim _capacity;
    private readonly Dictionary<long, Queue<Update>> _lanes = [];
    private readonly List<Task> _workers = [];
    private readonly CancellationTokenSource _abort = new();
    private readonly object _gate = new();
    private bool _closed;

    /// <param name="process">Handles one update; it must catch its own errors.</param>
    /// <param name="maxConcurrentChats">How many chats are handled at the same time.</param>
    /// <param name="maxPendingUpdates">How many updates may wait or run before <see cref="EnqueueAsync"/> waits.</param>
    public UpdateDispatcher(Func<Update, CancellationToken, Task> process, int maxConcurrentChats, int maxPendingUpdates, ILogger logger)
    {
        _process = process;
        _logger = logger;
        _concurrency = new SemaphoreSlim(maxConcurrentChats, maxConcurrentChats);
        _capacity = new SemaphoreSlim(maxPendingUpdates, maxPendingUpdates);
    }

    /// <summary>Gets the number of updates waiting or running.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _lanes.Values.Sum(queue => queue.Count);
            }
        }
    }

    /// <summary>Queues an update behind earlier updates of its chat; waits while the dispatcher is full.</summary>
    public async ValueTask EnqueueAsync(Update update, CancellationToken cancellationToken)
    {
        await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
        var chat = ChatKey(update);
        lock (_gate)
        {
            if (_closed)
            {
                _capacity.Release();
                throw new InvalidOperationException("The dispatcher is stopping and accepts no more updates.");
            }

            if (_lanes.TryGetValue(chat, out var queue))
            {
                queue.Enqueue(update);
                return;
            }

            queue = new Queue<Update>();
            queue.Enqueue(update);
            _lanes[chat] = queue;
            _workers.RemoveAll(worker => worker.IsCompleted);
            _workers.Add(Task.Run(() => RunLaneAsync(chat, queue)));
        }
    }

    /// <summary>
    /// Stops accepting updates and waits for queued and running ones; after <paramref name="timeout"/>
    /// the running ones are cancelled and the rest are abandoned.
    /// </summary>
    /// <returns>The number of updates that were abandoned.</returns>
    public async Task<int> DrainAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        Task[] workers;
        lock (_gate)
        {
            _closed = true;
            workers = [.. _workers];
        }

        var all = Task.WhenAll(workers);
        var finished = await Task.WhenAny(all, Task.Delay(timeout, timeProvider)).ConfigureAwait(false);
        if (finished == all)
        {
            return 0;
        }

        var abandoned = PendingCount;
        await _abort.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);
        return abandoned;
    }

    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        Task[] workers;
        lock (_gate)
        {
            _closed = true;
            workers = [.. _workers];
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        _abort.Dispose();
        _concurrency.Dispose();
        _capacity.Dispose();
    }

    /// <summary>Returns the chat an update belongs to; updates without a chat get a lane of their own.</summary>
    internal static long ChatKey(Update update) => update switch
    {
        { Message.Chat.Id: var chatId } => chatId,
        { CallbackQuery.Message.Chat.Id: var chatId } => chatId,
        { CallbackQuery.From.Id: var userId } => userId,
        { MyChatMember.Chat.Id: var chatId } => chatId,
        _ => long.MinValue + update.Id,
    };

    private async Task RunLaneAsync(long chat, Queue<Update> queue)
    {
        while (true)
        {
            Update update;
            lock (_gate)
            {
                if (queue.Count == 0 || _abort.IsCancellationRequested)
                {
                    _lanes.Remove(chat);
                    if (queue.Count > 0)
                    {
                        _capacity.Release(queue.Count);
                        queue.Clear();
                    }

                    return;
                }

                update = queue.Peek();
            }

            try
            {
                await _concurrency.WaitAsync(_abort.Token).ConfigureAwait(false);
                try
                {
                    await _process(update, _abort.Token).ConfigureAwait(false);
                }
                finally
                {
                    _concurrency.Release();
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                TelegramLog.UpdateAbandoned(_logger, update.Id, chat);
            }
            catch (Exception exception)
            {
                TelegramLog.UpdateFailed(_logger, exception, update.Id, chat);
            }

            lock (_gate)
            {
                queue.Dequeue();
                _capacity.Release();
            }
        }
    }
}
