using ChatBot.Core.Language;
using Microsoft.Extensions.Logging;

namespace ChatBot.Language.Generators;

/// <summary>
/// Runs a primary generator with a time limit and falls back to templates when it fails, times out
/// or writes nothing, logging why. Cancellation by the caller is passed on, not replaced by a fallback.
/// It owns the primary generator and disposes it.
/// </summary>
public sealed partial class FallbackReplyGenerator : IReplyGenerator, IDisposable
{
    private readonly IReplyGenerator _primary;
    private readonly TemplateReplyGenerator _templates;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public FallbackReplyGenerator(IReplyGenerator primary, TemplateReplyGenerator templates, TimeSpan timeout, TimeProvider timeProvider, ILogger<FallbackReplyGenerator> logger)
    {
        _primary = primary ?? throw new ArgumentNullException(nameof(primary));
        _templates = templates ?? throw new ArgumentNullException(nameof(templates));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
    }

    /// <summary>Gets the primary generator's name.</summary>
    public string Name => _primary.Name;

    public IReplyGenerator Primary => _primary;

    public async Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // WaitAsync returns at the deadline even when the primary ignores its token.
            return await _primary.GenerateAsync(request, linked.Token).WaitAsync(_timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            LogTimedOut(_logger, _primary.Name, _timeout.TotalSeconds);
        }
        catch (Exception exception)
        {
            LogFailed(_logger, exception, _primary.Name);
        }

        return _templates.Generate(request);
    }

    public void Dispose() => (_primary as IDisposable)?.Dispose();

    [LoggerMessage(EventId = 5101, EventName = "ReplyGeneratorTimedOut", Level = LogLevel.Warning,
        Message = "The reply generator {Generator} timed out after {TimeoutSeconds} s; the reply uses templates.")]
    private static partial void LogTimedOut(ILogger logger, string generator, double timeoutSeconds);

    [LoggerMessage(EventId = 5102, EventName = "ReplyGeneratorFailed", Level = LogLevel.Warning,
        Message = "The reply generator {Generator} failed; the reply uses templates.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string generator);
}
