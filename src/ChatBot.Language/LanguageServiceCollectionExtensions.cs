using ChatBot.Core.Hosting;
using ChatBot.Core.Language;
using ChatBot.Language.Configuration;
using ChatBot.Language.Generators;
using ChatBot.Language.Verbs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Language;

/// <summary>Registers the reply generators and the language model verbs.</summary>
public static class LanguageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LanguageOptions"/> (section "Language", validated on start), the configured
    /// <see cref="IReplyGenerator"/> (resolved and logged when the host starts), and the "train-lm" and
    /// "generate" verbs. The synthesised training corpus needs an IMovieCatalog registered by the host.
    /// </summary>
    public static IServiceCollection AddLanguage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LanguageOptions>()
            .BindConfiguration(LanguageOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LanguageOptions>, LanguageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(configuration);

        services.TryAddSingleton<TemplateReplyGenerator>();
        services.TryAddSingleton<ReplyGeneratorSelector>();
        services.TryAddSingleton<IReplyGenerator>(provider => provider.GetRequiredService<ReplyGeneratorSelector>().Create());
        services.AddHostedService<ReplyGeneratorStartup>();

        services.AddSingleton<ICommandLineVerb, TrainLanguageModelVerb>();
        services.AddSingleton<ICommandLineVerb, GenerateVerb>();
        return services;
    }
}
