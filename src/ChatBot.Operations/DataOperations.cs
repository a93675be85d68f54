using ChatBot.Catalog;
using ChatBot.Core.Hosting;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using ChatBot.Storage;
using Microsoft.Extensions.Logging;

namespace ChatBot.Operations;

/// <summary>
/// Backup, export, deletion, statistics and retraining over the open database. The running bot calls
/// it for requests on its control socket; the commands call it directly when no bot is running.
/// </summary>
public sealed partial class DataOperations(
    ChatBotDatabase database,
    IPersonStore people,
    IRatingStore ratings,
    LiteConversationStore conversations,
    IMovieCatalog catalog,
    TimeProvider timeProvider,
    ILogger<DataOperations> logger,
    IRetrainTrigger? retrainTrigger = null)
{
    /// <summary>Writes a consistent copy of the database to an absolute path and reads it back to verify it.</summary>
    /// <exception cref="OperationFailedException">The path is relative, or the file exists and <paramref name="overwrite"/> is false.</exception>
    public BackupResult Backup(string destination, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(destination) || !Path.IsPathFullyQualified(destination))
        {
            throw new OperationFailedException(OperationFailure.InvalidRequest, $"The backup path must be absolute; it is '{destination}'.");
        }

        var fullPath = Path.GetFullPath(destination);
        if (string.Equals(fullPath, database.Path, StringComparison.Ordinal))
        {
            throw new OperationFailedException(OperationFailure.InvalidRequest, $"The backup file must not be the database file itself ('{database.Path}').");
        }

        if (File.Exists(fullPath) && !overwrite)
        {
            throw new OperationFailedException(OperationFailure.Conflict, $"The file '{fullPath}' already exists. Choose another name, or pass --force to overwrite it.");
        }

        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        database.Backup(fullPath);
        var summary = DatabaseFile.Inspect(fullPath);
        LogBackupWritten(logger, fullPath, summary.Bytes, summary.People, summary.Ratings);
        return new BackupResult(fullPath, summary.Bytes, summary.People, summary.Ratings);
    }

    /// <summary>Collects everything stored about the person behind an identity, or returns null when no person has it.</summary>
    public PersonExport? ExportPerson(PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var person = people.Find(identity);
        if (person is null)
        {
            return null;
        }

        var titles = new TitleLookup(catalog);
        var export = new PersonExport(
            timeProvider.GetUtcNow(),
            person.Id,
            person.CreatedAt,
            [.. people.GetIdentities(person.Id).Select(i => new ExportedIdentity(i.Platform, i.UserId))],
            new ExportedSettings(person.Language),
            [.. ratings.GetRatings(person.Id).Select(r =>
            {
                var movie = titles.Find(r.MovieId);
                return new ExportedRating(r.MovieId, movie?.Title, movie?.Year, r.Stars.Value, r.RatedAt);
            })],
            [.. ratings.GetMarks(person.Id).OrderByDescending(m => m.MarkedAt).Select(m =>
            {
                var movie = titles.Find(m.MovieId);
                return new ExportedMark(m.MovieId, movie?.Title, movie?.Year, m.Kind.ToString(), m.MarkedAt);
            })],
            conversations.LoadAll(person.Id));
        LogPersonExported(logger, person.Id);
        return export;
    }

    /// <summary>Deletes the person behind an identity with every linked identity, rating, mark, memory and setting, or returns null when no person has the identity.</summary>
    public DeletePersonResult? DeletePerson(PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var person = people.Find(identity);
        if (person is null)
        {
            return null;
        }

        var identities = people.GetIdentities(person.Id).Select(i => new ExportedIdentity(i.Platform, i.UserId)).ToList();
        var ratingCount = ratings.GetRatings(person.Id).Count;
        people.Forget(person.Id);
        LogPersonDeleted(logger, person.Id, identities.Count, ratingCount);
        return new DeletePersonResult(person.Id, identities, ratingCount);
    }

    /// <summary>Counts people, identities and ratings, in all and per platform.</summary>
    public DatabaseStatistics GetStatistics()
    {
        var peopleStatistics = people.GetStatistics();
        var ratingStatistics = ratings.GetStatistics();
        var bytes = new FileInfo(database.Path) is { Exists: true } file ? file.Length : 0;
        return new DatabaseStatistics(
            peopleStatistics.People,
            peopleStatistics.IdentitiesPerPlatform,
            ratingStatistics.Ratings,
            ratingStatistics.PeopleWithRatings,
            ratingStatistics.RatingsPerPlatform,
            database.Path,
            bytes);
    }

    /// <summary>Retrains the recommender through the registered <see cref="IRetrainTrigger"/>.</summary>
    /// <exception cref="OperationFailedException">No retrainable recommender is registered.</exception>
    public async Task<string> RetrainAsync(CancellationToken cancellationToken)
    {
        if (retrainTrigger is null)
        {
            throw new OperationFailedException(
                OperationFailure.NotAvailable,
                "The recommender in this build cannot be retrained on request (no retraining hook is registered). "
                + "Stop the bot and run the train command instead.");
        }

        LogRetrainStarted(logger);
        var summary = await retrainTrigger.RetrainAsync(cancellationToken).ConfigureAwait(false);
        LogRetrainFinished(logger, summary);
        return summary;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Backup {Path} written and verified: {Bytes} bytes, {People} people, {Ratings} ratings.")]
    private static partial void LogBackupWritten(ILogger logger, string path, long bytes, int people, int ratings);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Exported the data of person {PersonId}.")]
    private static partial void LogPersonExported(ILogger logger, long personId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Deleted person {PersonId} with {Identities} identities and {Ratings} ratings.")]
    private static partial void LogPersonDeleted(ILogger logger, long personId, int identities, int ratings);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Retraining the recommender.")]
    private static partial void LogRetrainStarted(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Retrained the recommender: {Summary}")]
    private static partial void LogRetrainFinished(ILogger logger, string summary);

    /// <summary>Looks titles up in the catalog, or gives none when no catalog is available to this process.</summary>
    private sealed class TitleLookup(IMovieCatalog catalog)
    {
        private bool _unavailable;

        public Movie? Find(int movieId)
        {
            if (_unavailable)
            {
                return null;
            }

            try
            {
                return catalog.Find(movieId);
            }
            catch (CatalogNotFoundException)
            {
                _unavailable = true;
                return null;
            }
        }
    }
}
