namespace ChatBot.Operations.Verbs;

/// <summary>retrain: retrains the recommender on the stored ratings now.</summary>
internal sealed class RetrainVerb(IServiceProvider services) : OperationVerb(services)
{
    public override string Name => "retrain";

    public override string Summary => "Retrain the recommender on the stored ratings now.";

    public override string Usage => """
        Usage: retrain

        Retrains the recommender on the ratings stored so far. When a bot is running on the same data
        folder, the bot retrains and swaps the new model in while it keeps serving; otherwise this
        command retrains in its own process.
        """;

    protected override async Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        VerbArguments.Parse(arguments, [], []).AllowPositionals(0);
        var summary = await RunOnBotOrDatabaseAsync(
            bot => bot.RetrainAsync(cancellationToken),
            operations => operations.RetrainAsync(cancellationToken),
            cancellationToken).ConfigureAwait(false);
        await Output.WriteLineAsync(summary).ConfigureAwait(false);
        return 0;
    }
}
