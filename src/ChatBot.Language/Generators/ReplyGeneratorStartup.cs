using ChatBot.Core.Language;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Language.Generators;

/// <summary>Resolves the reply generator when the host starts, so the model loads and the choice is logged before the first message.</summary>
internal sealed class ReplyGeneratorStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(IReplyGenerator));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
