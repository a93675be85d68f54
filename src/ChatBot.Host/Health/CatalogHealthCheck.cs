using ChatBot.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Host.Health;

/// <summary>Ready once the catalog is loaded.</summary>
internal sealed class CatalogHealthCheck(CatalogProvider catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.IsLoaded
            ? HealthCheckResult.Healthy($"Catalog {catalog.Catalog.Name} loaded with {catalog.Catalog.Movies.Count} movies.")
            : HealthCheckResult.Unhealthy("The catalog is not loaded yet."));
}
