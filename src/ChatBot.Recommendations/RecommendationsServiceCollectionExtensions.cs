using ChatBot.Core.Hosting;
using ChatBot.Core.Recommendations;
using ChatBot.Recommendations.Evaluation;
using ChatBot.Recommendations.Serving;
using ChatBot.Recommendations.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations;

public static class RecommendationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the recommender options (validated at start), the collaborative recommender as <see cref="IRecommender"/>,
    /// the training pipeline and its background service, and the "train" and "eval" verbs. The host provides
    /// IMovieCatalog, IRatingStore, the Data and Catalog options and logging.
    /// </summary>
    public static IServiceCollection AddRecommendations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RecommenderOptions>()
            .BindConfiguration(RecommenderOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecommenderOptions>, RecommenderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<CollaborativeRecommender>();
        services.AddSingleton<IRecommender>(provider => provider.GetRequiredService<CollaborativeRecommender>());
        services.AddSingleton<RecommenderTrainingPipeline>();
        services.AddHostedService<RecommenderTrainingService>();
        services.AddSingleton<IRecommenderWarmup, RecommenderWarmup>();
        services.AddSingleton<IRetrainTrigger, RecommenderRetrainTrigger>();
        services.AddSingleton<ICommandLineVerb, TrainVerb>();
        services.AddSingleton<ICommandLineVerb, EvalVerb>();
        return services;
    }
}
