using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Models;

namespace ChatBot.Channels.Discord.Endpoint;

/// <summary>
/// Passes an interaction's first response to the endpoint, which writes it as the body of Discord's POST. The
/// handler waits until that HTTP response is sent, because edits and follow-ups need the interaction acknowledged first.
/// </summary>
internal sealed class HttpInteractionCallback : IInteractionCallback
{
    private readonly TaskCompletionSource<InteractionResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the first response, once the handler has chosen it.</summary>
    public Task<InteractionResponse> Response => _response.Task;

    public async Task SendAsync(InteractionResponse response, CancellationToken cancellationToken)
    {
        if (!_response.TrySetResult(response) && !_sent.Task.IsFaulted)
        {
            throw new InvalidOperationException("The interaction already has its first response.");
        }

        await _sent.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the handler for edits and follow-ups, once the HTTP response is written and flushed.</summary>
    public void MarkSent() => _sent.TrySetResult();

    /// <summary>Fails the handler's first response, because the HTTP request ended without it.</summary>
    public void Abandon(string reason)
    {
        var exception = new InvalidOperationException($"The first response was not delivered: {reason}");
        _response.TrySetCanceled();
        _sent.TrySetException(exception);
    }
}
