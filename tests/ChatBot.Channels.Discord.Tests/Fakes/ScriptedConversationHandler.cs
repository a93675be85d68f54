using System.Collections.Concurrent;
using System.Threading.Channels;
using ChatBot.Core.Messaging;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>A conversation handler whose replies the test decides; it records every message it gets.</summary>
public sealed class ScriptedConversationHandler(Func<IncomingMessage, CancellationToken, Task<Reply>> reply) : IConversationHandler
{
    private readonly Channel<IncomingMessage> _feed = Channel.CreateUnbounded<IncomingMessage>();

    public ScriptedConversationHandler()
        : this((message, _) => Task.FromResult(Reply.Plain("You said: " + message.Text, "en")))
    {
    }

    public ConcurrentQueue<IncomingMessage> Messages { get; } = new();

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        Messages.Enqueue(message);
        _feed.Writer.TryWrite(message);
        return await reply(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncomingMessage> WaitForMessageAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _feed.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
    }
}
