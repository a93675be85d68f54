using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ChatBot.Host.Health;

/// <summary>
/// Serves GET /health/live, GET /health/ready (JSON, 503 when not ready) and GET /metrics (Prometheus text)
/// from a small Kestrel server inside the host, using the host's own health checks and metrics.
/// </summary>
internal sealed partial class HealthEndpointService(
    IServiceProvider services,
    IOptions<HealthOptions> options,
    ILogger<HealthEndpointService> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Value.Url);
        var app = builder.Build();
        var healthChecks = services.GetRequiredService<HealthCheckService>();

        app.MapGet("/health/live", () => Results.Text("Healthy"));
        app.MapGet("/health/ready", async (CancellationToken requestAborted) =>
        {
            var report = await healthChecks.CheckHealthAsync(requestAborted).ConfigureAwait(false);
            var body = new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            };
            return Results.Json(body, statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: services.GetRequiredService<MeterProvider>(),
            predicate: context => context.Request.Path == "/metrics",
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        LogListening(logger, options.Value.Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            LogStopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Health and metrics endpoint listening on {Url} (/health/live, /health/ready, /metrics).")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Health and metrics endpoint stopped.")]
    private static partial void LogStopped(ILogger logger);
}
