using ChatBot.Core.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Operations.Control;
using ChatBot.Operations.Verbs;
using ChatBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the operations commands (backup, restore, export-person, delete-person, stats, retrain),
    /// the control socket the running bot serves them on, and the data folder lock. Call it after
    /// AddStorage: it makes opening the database take the data folder's lock first.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OperationsOptions>()
            .BindConfiguration(OperationsOptions.SectionName)
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => DataFolderLock.Acquire(provider.GetRequiredService<IOptions<DataOptions>>().Value.FullPath));
        LockBeforeOpeningDatabase(services);

        // The export reads every conversation of a person, which only the LiteDB store can list.
        services.TryAddSingleton(provider => provider.GetRequiredService<IConversationStore>() as LiteConversationStore
            ?? throw new InvalidOperationException("The operations commands need the LiteDB conversation store that AddStorage registers."));
        services.AddSingleton<DataOperations>();
        services.AddHostedService<ControlServer>();
        services.AddSingleton<ICommandLineVerb, BackupVerb>();
        services.AddSingleton<ICommandLineVerb, RestoreVerb>();
        services.AddSingleton<ICommandLineVerb, ExportPersonVerb>();
        services.AddSingleton<ICommandLineVerb, DeletePersonVerb>();
        services.AddSingleton<ICommandLineVerb, StatsVerb>();
        services.AddSingleton<ICommandLineVerb, RetrainVerb>();
        return services;
    }

    /// <summary>
    /// Wraps the database registration so that the process takes the data folder's lock when it first
    /// opens the database file. A second bot, or a command that opens the file while a bot runs, then
    /// stops with a message instead of writing to a file another process has open. Constructing the
    /// database, as listing the verbs does, takes no lock.
    /// </summary>
    private static void LockBeforeOpeningDatabase(IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => d.ServiceType == typeof(ChatBotDatabase))
            ?? throw new InvalidOperationException("ChatBotDatabase is not registered: call AddStorage before AddOperations.");
        var open = registration.ImplementationFactory
            ?? throw new InvalidOperationException("ChatBotDatabase must be registered with a factory, as AddStorage does.");

        services.Remove(registration);
        services.AddSingleton(provider =>
        {
            var database = (ChatBotDatabase)open(provider);
            database.Opening += () => provider.GetRequiredService<DataFolderLock>();
            return database;
        });
    }
}
