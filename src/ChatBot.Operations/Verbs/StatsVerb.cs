using System.Globalization;
using System.Text.Json;
using ChatBot.Operations.Control;

namespace ChatBot.Operations.Verbs;

/// <summary>stats [--json]: counts people and ratings, in all and per platform.</summary>
internal sealed class StatsVerb(IServiceProvider services) : OperationVerb(services)
{
    public override string Name => "stats";

    public override string Summary => "Count people and ratings, in all and per platform.";

    public override string Usage => """
        Usage: stats [--json]

        Counts the people the bot knows and their ratings, in all and per platform. Works while the bot
        runs. A person linked on two platforms counts once in "people" and under each platform.

          --json   write the figures as JSON
        """;

    protected override async Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var parsed = VerbArguments.Parse(arguments, [], ["json"]);
        parsed.AllowPositionals(0);
        var statistics = await RunOnBotOrDatabaseAsync(
            bot => bot.GetStatisticsAsync(cancellationToken),
            operations => Task.FromResult(operations.GetStatistics()),
            cancellationToken).ConfigureAwait(false);

        await Output.WriteLineAsync(parsed.Has("json")
            ? JsonSerializer.Serialize(statistics, ControlProtocol.JsonOptions)
            : Format(statistics)).ConfigureAwait(false);
        return 0;
    }

    internal static string Format(DatabaseStatistics statistics)
    {
        var culture = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(culture, $"Database:  {statistics.DatabasePath} ({statistics.DatabaseBytes:N0} bytes)"),
            string.Create(culture, $"People:    {statistics.People:N0}"),
            string.Create(culture, $"Ratings:   {statistics.Ratings:N0} by {statistics.PeopleWithRatings:N0} people"),
            string.Empty,
            string.Create(culture, $"{"Platform",-10} {"Identities",10} {"Ratings",10}"),
        };
        var platforms = statistics.IdentitiesPerPlatform.Keys.Union(statistics.RatingsPerPlatform.Keys).Order(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            lines.Add(string.Create(
                culture,
                $"{platform,-10} {statistics.IdentitiesPerPlatform.GetValueOrDefault(platform),10:N0} {statistics.RatingsPerPlatform.GetValueOrDefault(platform),10:N0}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
