namespace ChatBot.Operations.Verbs;

/// <summary>delete-person --platform P --user ID --yes: deletes one person and everything stored about them.</summary>
internal sealed class DeletePersonVerb(IServiceProvider services) : OperationVerb(services)
{
    public override string Name => "delete-person";

    public override string Summary => "Delete one person and everything stored about them.";

    public override string Usage => """
        Usage: delete-person --platform PLATFORM --user ID --yes

        Deletes the person behind a platform identity, as /forget does: every linked identity, rating,
        mark, setting and conversation memory. Works while the bot runs. Backups taken earlier still
        hold the person's data.

          --platform PLATFORM   console, telegram or discord
          --user ID             the user id on that platform, exactly as the platform gives it
          --yes                 confirm the deletion (required)
        """;

    protected override async Task<int> RunCoreAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var parsed = VerbArguments.Parse(arguments, ["platform", "user"], ["yes"]);
        parsed.AllowPositionals(0);
        var identity = ReadIdentity(parsed);
        if (!parsed.Has("yes"))
        {
            throw new VerbUsageException($"Deleting {identity} cannot be undone; add --yes to confirm.");
        }

        var result = await RunOnBotOrDatabaseAsync(
            bot => bot.DeletePersonAsync(identity, cancellationToken),
            operations => Task.FromResult(operations.DeletePerson(identity)),
            cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            await Errors.WriteLineAsync($"{Name}: no person with the identity {identity} was found.").ConfigureAwait(false);
            return 1;
        }

        var identities = string.Join(", ", result.Identities.Select(i => $"{i.Platform}:{i.UserId}"));
        await Output.WriteLineAsync($"Deleted person {result.PersonId} ({identities}) with {result.Ratings} ratings.").ConfigureAwait(false);
        return 0;
    }
}
