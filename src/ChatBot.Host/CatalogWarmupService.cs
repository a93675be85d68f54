using ChatBot.Catalog;
using ChatBot.Core.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Host;

/// <summary>
/// Loads the catalog, builds the title index and the recommender before any channel starts, so the
/// first reply does not wait for them.
/// </summary>
internal sealed partial class CatalogWarmupService(IServiceProvider services, ILogger<CatalogWarmupService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<IMovieCatalog>();
        CatalogIdentity.Verify(
            catalog,
            services.GetRequiredService<IKeyValueStore>(),
            services.GetRequiredService<IRatingStore>(),
            services.GetRequiredService<IOptions<CatalogOptions>>().Value.MovieLensPath ?? catalog.Name,
            services.GetRequiredService<IOptions<DataOptions>>().Value.FullPath);
        services.GetRequiredService<ITitleIndex>();
        services.GetRequiredService<IRecommender>();
        LogReady(logger, catalog.Name, catalog.Movies.Count, catalog.Ratings.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Catalog {Name} ready: {Movies} movies, {Ratings} public ratings.")]
    private static partial void LogReady(ILogger logger, string name, int movies, int ratings);
}
