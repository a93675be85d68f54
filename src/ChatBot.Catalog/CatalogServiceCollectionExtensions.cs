using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>Registers the catalog options, the MovieLens loader and downloader, the catalog and the "download" verb.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CatalogOptions>()
            .BindConfiguration(CatalogOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<MovieLensLoader>();
        services.AddSingleton<CatalogProvider>();
        services.AddSingleton<CatalogBootstrapper>();
        services.AddSingleton<IMovieCatalog>(provider => provider.GetRequiredService<CatalogProvider>());
        services.AddSingleton(provider => new LazyTitleIndex(() => new TitleIndex(provider.GetRequiredService<CatalogProvider>().Catalog)));
        services.AddSingleton<ITitleIndex>(provider => provider.GetRequiredService<LazyTitleIndex>());
        services.AddSingleton(provider => provider.GetRequiredService<LazyTitleIndex>().Index);
        services.AddHttpClient<MovieLensDownloader>(client => client.DefaultRequestHeaders.UserAgent.ParseAdd("ChatBot-MovieLens-Downloader/1.0"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ICommandLineVerb, DownloadVerb>();
        services.AddSingleton<ICommandLineVerb>(provider => new TitlesVerb(provider.GetRequiredService<IMovieCatalog>(), provider.GetRequiredService<ITitleIndex>()));
        return services;
    }
}
