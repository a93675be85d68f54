namespace ChatBot.Core.People;

/// <summary>People and the platform identities that lead to them.</summary>
public interface IPersonStore
{
    /// <summary>Finds the person behind an identity, creating both on first contact.</summary>
    Person GetOrCreate(PlatformIdentity identity);

    Person? Find(PlatformIdentity identity);

    Person? Get(long personId);

    IReadOnlyList<PlatformIdentity> GetIdentities(long personId);

    /// <summary>Stores the person's language choice; null returns to the platform locale.</summary>
    void SetLanguage(long personId, string? language);

    /// <summary>Creates a one-time code that another identity can redeem to join this person.</summary>
    string CreateLinkCode(long personId, TimeSpan lifetime);

    /// <summary>
    /// Redeems a link code for an identity: the identity's person is merged into the code's person
    /// (ratings, marks and identities move over; on a conflict the newer rating wins).
    /// </summary>
    LinkResult RedeemLinkCode(string code, PlatformIdentity identity);

    /// <summary>Deletes the person, their identities, ratings, marks, memory and settings.</summary>
    void Forget(long personId);

    /// <summary>Counts people, in all and per platform.</summary>
    PeopleStatistics GetStatistics();
}

/// <summary>The outcome of redeeming a link code.</summary>
public enum LinkStatus
{
    Linked,
    AlreadyLinked,
    InvalidCode,
    ExpiredCode,
    SameIdentity,
}

public sealed record LinkResult(LinkStatus Status, long? PersonId);

public sealed record PeopleStatistics(int People, IReadOnlyDictionary<string, int> IdentitiesPerPlatform);
