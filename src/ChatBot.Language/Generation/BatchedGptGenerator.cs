using ChatBot.Language.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Language.Generation;

/// <summary>How <see cref="BatchedGptGenerator"/> groups concurrent requests.</summary>
public sealed record BatchingSettings
{
    /// <summary>Gets the maximum number of sequences one batch generates at once. Default: 16.</summary>
    public int MaxBatchSize { get; init; } = 16;

    /// <summary>
    /// Gets how long a queued request waits for others before its prompt is read, so that requests arriving
    /// together share one prefill. Default: 5 ms.
    /// </summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Gets how many batches run at the same time, each on its own thread. Default: 1.</summary>
    public int ParallelBatches { get; init; } = 1;
}

/// <summary>
/// Generates for concurrent callers with dynamic batching. Requests wait in one queue. Each of
/// <see cref="BatchingSettings.ParallelBatches"/> dedicated threads runs a <see cref="GptBatch"/> and,
/// between decoding steps, admits queued requests up to <see cref="BatchingSettings.MaxBatchSize"/>: at
/// once when they fill the free rows, else when the oldest has waited <see cref="BatchingSettings.BatchWindow"/>.
/// A request's time budget, timings and cancellation are its own; its tokens do not depend on the others.
/// </summary>
public sealed partial class BatchedGptGenerator : IDisposable
{
    private readonly GptModel _model;
    private readonly BatchingSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<BatchSequence> _queue = new();
    private readonly object _lock = new();
    private readonly List<Thread> _workers = [];
    private bool _disposed;
    private int _largestBatch;

    public BatchedGptGenerator(GptModel model, BatchingSettings settings, ILogger<BatchedGptGenerator>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ParallelBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchWindow, TimeSpan.Zero);
        _model = model;
        _settings = settings;
        _logger = logger ?? NullLogger<BatchedGptGenerator>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the model; callers must not change it while requests run.</summary>
    public GptModel Model => _model;

    /// <summary>Gets the size of the largest batch any step has run so far.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>
    /// Queues a prompt and returns its tokens when a stop rule ends it: the stop token, the length limit, a full
    /// context or the time budget (counted from this call, so it includes the wait in the queue).
    /// </summary>
    /// <exception cref="ArgumentException">The prompt is empty or does not fit the model.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the request finished.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed before the request finished.</exception>
    public async Task<GenerationResult> GenerateAsync(IReadOnlyList<int> prompt, GenerationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var modelPrompt = GptGenerator.ToModelPrompt(_model, prompt);
        cancellationToken.ThrowIfCancellationRequested();
        var sequence = new BatchSequence(_model, modelPrompt, settings, _timeProvider, _timeProvider.GetTimestamp(), cancellationToken);
        using var registration = cancellationToken.Register(static state => ((BatchSequence)state!).Cancel(), sequence);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            StartWorkers();
            _queue.Enqueue(sequence);
            Monitor.PulseAll(_lock);
        }

        return await sequence.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Stops the batch threads; requests still queued or running fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        List<Thread> workers;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.PulseAll(_lock);
            workers = [.. _workers];
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        var disposed = new ObjectDisposedException(nameof(BatchedGptGenerator));
        while (_queue.TryDequeue(out var sequence))
        {
            sequence.Fail(disposed);
        }
    }

    /// <summary>Starts the batch threads on the first request, so a generator that is never used runs none.</summary>
    private void StartWorkers()
    {
        if (_workers.Count > 0)
        {
            return;
        }

        for (var index = 0; index < _settings.ParallelBatches; index++)
        {
            // Dedicated threads, because a step blocks in native code for milliseconds. Background threads,
            // so that a host that never disposes the generator can still exit.
            var worker = new Thread(RunWorker) { IsBackground = true, Name = $"gpt-batch-{index}" };
            _workers.Add(worker);
            worker.Start();
        }

        LogStarted(_logger, _settings.ParallelBatches, _settings.MaxBatchSize, _settings.BatchWindow.TotalMilliseconds);
    }

    private void RunWorker()
    {
        using var batch = new GptBatch(_model, _settings.MaxBatchSize);
        var newcomers = new List<BatchSequence>(_settings.MaxBatchSize);
        while (TakeNewcomers(batch, newcomers))
        {
            try
            {
                if (newcomers.Count > 0)
                {
                    batch.Admit(newcomers);
                }

                RecordBatchSize(batch.Count);
                batch.Step();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A failed forward pass fails the requests of this batch only, and the worker goes on with the queue.
                LogBatchFailed(_logger, exception, batch.Count + newcomers.Count);
                foreach (var sequence in newcomers)
                {
                    sequence.Fail(exception);
                }

                batch.FailAll(exception);
            }

            newcomers.Clear();
        }

        batch.FailAll(new ObjectDisposedException(nameof(BatchedGptGenerator)));
    }

    /// <summary>
    /// Moves queued requests into <paramref name="newcomers"/> when the batch should admit them. Returns at once
    /// while the batch has sequences to step, and blocks while it is empty. Returns false when the generator is disposed.
    /// </summary>
    private bool TakeNewcomers(GptBatch batch, List<BatchSequence> newcomers)
    {
        lock (_lock)
        {
            while (true)
            {
                if (_disposed)
                {
                    return false;
                }

                while (_queue.TryPeek(out var first) && first.IsDone)
                {
                    _queue.Dequeue();
                }

                var free = batch.FreeRows;
                if (free > 0 && _queue.TryPeek(out var oldest))
                {
                    var waited = _timeProvider.GetElapsedTime(oldest.StartTimestamp);
                    if (_queue.Count >= free || waited >= _settings.BatchWindow)
                    {
                        while (newcomers.Count < free && _queue.TryDequeue(out var sequence))
                        {
                            if (!sequence.IsDone)
                            {
                                newcomers.Add(sequence);
                            }
                        }

                        return true;
                    }

                    if (batch.Count == 0)
                    {
                        // Nothing to step: wait for more requests until the oldest one's window closes.
                        Monitor.Wait(_lock, _settings.BatchWindow - waited);
                        continue;
                    }
                }

                if (batch.Count > 0)
                {
                    return true;
                }

                Monitor.Wait(_lock);
            }
        }
    }

    private void RecordBatchSize(int size)
    {
        var largest = Volatile.Read(ref _largestBatch);
        while (size > largest)
        {
            var seen = Interlocked.CompareExchange(ref _largestBatch, size, largest);
            if (seen == largest)
            {
                return;
            }

            largest = seen;
        }
    }

    [LoggerMessage(EventId = 5301, EventName = "BatchingStarted", Level = LogLevel.Information,
        Message = "Local generation runs up to {ParallelBatches} batches of up to {MaxBatchSize} requests; a request waits up to {WindowMilliseconds} ms for others.")]
    private static partial void LogStarted(ILogger logger, int parallelBatches, int maxBatchSize, double windowMilliseconds);

    [LoggerMessage(EventId = 5302, EventName = "BatchFailed", Level = LogLevel.Error,
        Message = "A generation batch failed; its {Requests} requests fail with the error and the next batch starts empty.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int requests);
}
