using ChatBot.Core.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Host.Health;

/// <summary>Ready when every enabled channel is connected; degraded while one reconnects; unhealthy when one failed.</summary>
internal sealed class ChannelsHealthCheck(IEnumerable<ChannelStatus> channels) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = channels.ToDictionary(c => c.Channel, c => (object)$"{c.State}{(c.Detail is null ? string.Empty : $": {c.Detail}")}", StringComparer.Ordinal);
        var all = channels.ToList();
        if (all.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No channel is running.", data: states));
        }

        if (all.Any(c => c.State == ChannelState.Failed))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("A channel failed and needs attention.", data: states));
        }

        return Task.FromResult(all.All(c => c.State == ChannelState.Connected)
            ? HealthCheckResult.Healthy("Every channel is connected.", states)
            : HealthCheckResult.Degraded("A channel is not connected yet.", data: states));
    }
}
