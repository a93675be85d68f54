using ChatBot.Conversations.Chat;
using ChatBot.Conversations.Commands;
using ChatBot.Conversations.Ranking;
using ChatBot.Core.Hosting;
using ChatBot.Core.Language;
using ChatBot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Registers the conversation service, its commands and options. The chat responder can be replaced by registering another <see cref="IChatResponder"/> first.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConversationOptions>()
            .BindConfiguration(ConversationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ChatBotMetrics>();
        services.AddSingleton<PersonRateLimiter>();
        services.AddSingleton<TitleResolver>();
        services.AddSingleton<RatingActions>();
        services.AddSingleton<RecommendationPresenter>();
        services.AddSingleton<ICommandHandler, HelpCommand>();
        services.AddSingleton<ICommandHandler, RateCommand>();
        services.AddSingleton<ICommandHandler, UnrateCommand>();
        services.AddSingleton<ICommandHandler, RatingsCommand>();
        services.AddSingleton<ICommandHandler, RecommendCommand>();
        services.AddSingleton<ICommandHandler, SimilarCommand>();
        services.AddSingleton<ICommandHandler, ForgetCommand>();
        services.AddSingleton<ICommandHandler, LinkCommand>();
        services.AddSingleton<ICommandHandler, LanguageCommand>();
        services.AddSingleton<MessageAnalyzer>();
        services.AddSingleton<ReplyGrounder>();
        services.AddSingleton<CatalogFacts>();
        services.TryAddSingleton<IReplyGenerator, BuiltInTemplateGenerator>();
        services.TryAddSingleton<IChatResponder, ChatPipeline>();
        services.AddOptions<ChatRankerOptions>()
            .BindConfiguration(ChatRankerOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.DisabledFeatures.All(name => Enum.TryParse<RankingFeature>(name, ignoreCase: true, out var feature) && Enum.IsDefined(feature)),
                $"ChatRanker:DisabledFeatures must name ranking features: {string.Join(", ", Enum.GetNames<RankingFeature>())}.")
            .ValidateOnStart();
        services.AddSingleton<ChatRanker>();
        services.AddSingleton<ChatRankerTrainer>();
        services.AddSingleton<Evaluation.RedialTurns>();
        services.AddSingleton<Evaluation.RedialEvaluator>();
        services.AddSingleton<ICommandLineVerb, Evaluation.EvalChatVerb>();
        services.AddSingleton<ICommandLineVerb, TrainChatRankerVerb>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<IConversationHandler>(provider => provider.GetRequiredService<ConversationService>());
        return services;
    }
}
