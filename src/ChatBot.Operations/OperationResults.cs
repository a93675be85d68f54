using ChatBot.Core.Conversations;

namespace ChatBot.Operations;

/// <summary>A backup file written by the bot, as verified by reading it back.</summary>
/// <param name="Path">The backup file's absolute path.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="People">People in the backup.</param>
/// <param name="Ratings">Ratings in the backup.</param>
public sealed record BackupResult(string Path, long Bytes, int People, int Ratings);

/// <summary>Counts over the whole database.</summary>
/// <param name="People">People stored in the database.</param>
/// <param name="IdentitiesPerPlatform">Platform identities per platform ("telegram": 120).</param>
/// <param name="Ratings">Stored ratings.</param>
/// <param name="PeopleWithRatings">People with at least one rating.</param>
/// <param name="RatingsPerPlatform">Ratings per platform, counting a rating under each platform its person uses.</param>
/// <param name="DatabasePath">The database file.</param>
/// <param name="DatabaseBytes">The database file's size.</param>
public sealed record DatabaseStatistics(
    int People,
    IReadOnlyDictionary<string, int> IdentitiesPerPlatform,
    int Ratings,
    int PeopleWithRatings,
    IReadOnlyDictionary<string, int> RatingsPerPlatform,
    string DatabasePath,
    long DatabaseBytes);

/// <summary>Everything the bot stores about one person, as written by "export-person".</summary>
public sealed record PersonExport(
    DateTimeOffset ExportedAt,
    long PersonId,
    DateTimeOffset FirstSeenAt,
    IReadOnlyList<ExportedIdentity> Identities,
    ExportedSettings Settings,
    IReadOnlyList<ExportedRating> Ratings,
    IReadOnlyList<ExportedMark> Marks,
    IReadOnlyList<ConversationState> Conversations);

public sealed record ExportedIdentity(string Platform, string UserId);

/// <param name="Language">The language chosen with /language, or null when the bot follows the platform's locale.</param>
public sealed record ExportedSettings(string? Language);

/// <param name="Title">The catalog title, or null when the catalog was not available or no longer lists the movie.</param>
public sealed record ExportedRating(int MovieId, string? Title, int? Year, double Stars, DateTimeOffset RatedAt);

/// <param name="Kind">"Seen" or "NotInterested".</param>
public sealed record ExportedMark(int MovieId, string? Title, int? Year, string Kind, DateTimeOffset MarkedAt);

/// <summary>The outcome of deleting a person.</summary>
/// <param name="PersonId">The deleted person's id.</param>
/// <param name="Identities">Every identity that was removed with the person (linked accounts included).</param>
/// <param name="Ratings">How many ratings were removed.</param>
public sealed record DeletePersonResult(long PersonId, IReadOnlyList<ExportedIdentity> Identities, int Ratings);
