using ChatBot.Catalog;
using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;
using ChatBot.Recommendations.Popularity;
using ChatBot.Storage;
using ChatBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Conversations.Tests;

/// <summary>
/// The real conversation service over ml-latest-small, the real title index, the popularity
/// recommender and a LiteDB file in a temporary folder, composed the way the host composes it.
/// </summary>
internal sealed class ConversationHarness : IDisposable
{
    private static readonly Lazy<(MovieCatalog Catalog, TitleIndex Index)> Shared = new(() =>
    {
        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
        return (catalog, new TitleIndex(catalog));
    });

    private readonly TemporaryFolder _folder = new("chatbot-conversation");
    private readonly ServiceProvider _services;

    public ConversationHarness(IDictionary<string, string?>? settings = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = _folder.Path })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
        services.AddSingleton<IMovieCatalog>(Shared.Value.Catalog);
        services.AddSingleton<ITitleIndex>(Shared.Value.Index);
        services.AddSingleton<IRecommender>(new PopularityRecommender(Shared.Value.Catalog));
        services.AddStorage();
        services.AddConversations(configuration);
        _services = services.BuildServiceProvider();
    }

    public static IMovieCatalog Catalog => Shared.Value.Catalog;

    public static ITitleIndex Index => Shared.Value.Index;

    public FakeTimeProvider Time { get; }

    public IConversationHandler Handler => _services.GetRequiredService<IConversationHandler>();

    /// <summary>Gets the composed services, for tests of one component.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Gets the data folder (Data:Directory).</summary>
    public string DataFolder => _folder.Path;

    public IPersonStore People => _services.GetRequiredService<IPersonStore>();

    public IRatingStore Ratings => _services.GetRequiredService<IRatingStore>();

    /// <summary>Sends text as the given user and returns the reply.</summary>
    public Task<Reply> SendAsync(string text, string userId = "alice", string platform = "telegram", string? locale = "en-US") =>
        Handler.HandleAsync(new IncomingMessage
        {
            Platform = platform,
            PlatformUserId = userId,
            ConversationId = $"chat-{userId}",
            Locale = locale,
            Text = text,
        }, CancellationToken.None);

    /// <summary>Presses a button as the given user.</summary>
    public Task<Reply> PressAsync(string payload, string userId = "alice", string platform = "telegram", string? locale = "en-US") =>
        Handler.HandleAsync(new IncomingMessage
        {
            Platform = platform,
            PlatformUserId = userId,
            ConversationId = $"chat-{userId}",
            Locale = locale,
            ActionPayload = payload,
        }, CancellationToken.None);

    /// <summary>Returns the movie ids and stars the user has stored.</summary>
    public IReadOnlyDictionary<int, double> StoredRatings(string userId = "alice", string platform = "telegram")
    {
        var person = People.Find(new PlatformIdentity(platform, userId));
        return person is null
            ? new Dictionary<int, double>()
            : Ratings.GetRatings(person.Id).ToDictionary(r => r.MovieId, r => r.Stars.Value);
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
