using ChatBot.Core.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string DatabaseFileName = "chatbot.db";

    /// <summary>Registers the LiteDB database (Data:Directory/chatbot.db) and the stores over it.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var data = provider.GetRequiredService<IOptions<DataOptions>>().Value;
            return new ChatBotDatabase(
                data.Resolve(DatabaseFileName),
                provider.GetRequiredService<ILogger<ChatBotDatabase>>(),
                provider.GetService<TimeProvider>(),
                data.SyncRatingWrites);
        });
        services.AddSingleton<IPersonStore, LitePersonStore>();
        services.AddSingleton<IRatingStore, LiteRatingStore>();
        services.AddSingleton<IConversationStore, LiteConversationStore>();
        services.AddSingleton<IKeyValueStore, LiteKeyValueStore>();
        return services;
    }
}
