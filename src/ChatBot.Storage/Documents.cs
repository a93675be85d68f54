using LiteDB;

namespace ChatBot.Storage;

// LiteDB documents. Times are Unix milliseconds so that no DateTime kind or local-time
// conversion can shift them; platform user ids stay strings.
internal sealed class PersonDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public long CreatedAtMs { get; set; }

    public string? Language { get; set; }
}

internal sealed class IdentityDocument
{
    /// <summary>Gets or sets "platform:userId".</summary>
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string Platform { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public long PersonId { get; set; }

    public long CreatedAtMs { get; set; }
}

internal sealed class RatingDocument
{
    /// <summary>Gets or sets "personId:movieId", which makes one rating per person and movie.</summary>
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public long PersonId { get; set; }

    public int MovieId { get; set; }

    public int HalfStars { get; set; }

    public long RatedAtMs { get; set; }
}

internal sealed class MarkDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public long PersonId { get; set; }

    public int MovieId { get; set; }

    public int Kind { get; set; }

    public long MarkedAtMs { get; set; }
}

internal sealed class ConversationDocument
{
    /// <summary>Gets or sets "personId|conversationKey".</summary>
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public long PersonId { get; set; }

    /// <summary>Gets or sets the state serialised as JSON.</summary>
    public string StateJson { get; set; } = string.Empty;

    public long UpdatedAtMs { get; set; }
}

internal sealed class LinkCodeDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public long PersonId { get; set; }

    public long ExpiresAtMs { get; set; }
}

internal sealed class ValueDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
