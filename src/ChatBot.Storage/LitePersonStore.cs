using System.Security.Cryptography;
using ChatBot.Core.People;
using LiteDB;

namespace ChatBot.Storage;

/// <summary>People, identities and link codes in LiteDB.</summary>
public sealed class LitePersonStore(ChatBotDatabase database) : IPersonStore
{
    // Link codes use letters and digits that cannot be confused when read aloud or typed
    // from another screen (no 0/O, 1/I/L).
    private const string LinkCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int LinkCodeLength = 8;

    private readonly object _createLock = new();

    public Person GetOrCreate(PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (Find(identity) is { } existing)
        {
            return existing;
        }

        // Two first messages from the same new identity may arrive together; the lock makes
        // sure only one person is created for it.
        lock (_createLock)
        {
            if (Find(identity) is { } created)
            {
                return created;
            }

            var person = database.WriteTransaction(db =>
            {
                var now = database.NowMs();
                var person = new PersonDocument { CreatedAtMs = now };
                db.GetCollection<PersonDocument>(ChatBotDatabase.People).Insert(person);
                db.GetCollection<IdentityDocument>(ChatBotDatabase.Identities).Insert(new IdentityDocument
                {
                    Id = IdentityKey(identity),
                    Platform = identity.Platform,
                    UserId = identity.UserId,
                    PersonId = person.Id,
                    CreatedAtMs = now,
                });
                return ToPerson(person);
            });
            database.Cache.People[person.Id] = person;
            database.Cache.PersonByIdentity[IdentityKey(identity)] = person.Id;
            return person;
        }
    }

    public Person? Find(PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var key = IdentityKey(identity);
        if (database.Cache.PersonByIdentity.TryGetValue(key, out var cachedId) && Get(cachedId) is { } cached)
        {
            return cached;
        }

        var link = database.Database.GetCollection<IdentityDocument>(ChatBotDatabase.Identities).FindById(key);
        if (link is null)
        {
            return null;
        }

        var person = Get(link.PersonId);
        if (person is not null)
        {
            database.Cache.PersonByIdentity[key] = person.Id;
        }

        return person;
    }

    public Person? Get(long personId)
    {
        if (database.Cache.People.TryGetValue(personId, out var cached))
        {
            return cached;
        }

        var document = database.Database.GetCollection<PersonDocument>(ChatBotDatabase.People).FindById(personId);
        if (document is null)
        {
            return null;
        }

        var person = ToPerson(document);
        database.Cache.People[personId] = person;
        return person;
    }

    public IReadOnlyList<PlatformIdentity> GetIdentities(long personId) =>
        [.. database.Database.GetCollection<IdentityDocument>(ChatBotDatabase.Identities)
            .Find(d => d.PersonId == personId)
            .Select(d => new PlatformIdentity(d.Platform, d.UserId))];

    public void SetLanguage(long personId, string? language) =>
        database.WriteDurably(db =>
        {
            var people = db.GetCollection<PersonDocument>(ChatBotDatabase.People);
            var person = people.FindById(personId) ?? throw new KeyNotFoundException($"Person {personId} does not exist.");
            person.Language = language;
            var updated = people.Update(person);
            database.Cache.People[personId] = ToPerson(person);
            return updated;
        });

    public string CreateLinkCode(long personId, TimeSpan lifetime)
    {
        var code = RandomNumberGenerator.GetString(LinkCodeAlphabet, LinkCodeLength);
        database.WriteDurably(db =>
        {
            var codes = db.GetCollection<LinkCodeDocument>(ChatBotDatabase.LinkCodes);
            codes.DeleteMany(d => d.PersonId == personId);
            codes.Insert(new LinkCodeDocument
            {
                Id = code,
                PersonId = personId,
                ExpiresAtMs = database.NowMs() + (long)lifetime.TotalMilliseconds,
            });
            return true;
        });
        return code;
    }

    public LinkResult RedeemLinkCode(string code, PlatformIdentity identity)
    {
        var result = Redeem(code, identity);
        if (result.Status == LinkStatus.Linked)
        {
            database.CheckpointNow();
            // A merge moves ratings, marks and identities between people; reload them from the database.
            database.Cache.PersonByIdentity.Clear();
            database.Cache.People.Clear();
            database.Cache.Ratings.Clear();
            database.Cache.Marks.Clear();
        }

        return result;
    }

    private LinkResult Redeem(string code, PlatformIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var normalized = new string([.. (code ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        if (normalized.Length != LinkCodeLength)
        {
            return new LinkResult(LinkStatus.InvalidCode, null);
        }

        return database.WriteTransaction(db =>
        {
            var codes = db.GetCollection<LinkCodeDocument>(ChatBotDatabase.LinkCodes);
            var link = codes.FindById(normalized);
            if (link is null)
            {
                return new LinkResult(LinkStatus.InvalidCode, null);
            }

            codes.Delete(normalized);
            if (link.ExpiresAtMs < database.NowMs())
            {
                return new LinkResult(LinkStatus.ExpiredCode, null);
            }

            var identities = db.GetCollection<IdentityDocument>(ChatBotDatabase.Identities);
            var key = IdentityKey(identity);
            var current = identities.FindById(key);
            if (current?.PersonId == link.PersonId)
            {
                var ownIdentities = identities.Find(d => d.PersonId == link.PersonId).Count();
                return new LinkResult(ownIdentities > 1 ? LinkStatus.AlreadyLinked : LinkStatus.SameIdentity, link.PersonId);
            }

            if (current is null)
            {
                identities.Insert(new IdentityDocument
                {
                    Id = key,
                    Platform = identity.Platform,
                    UserId = identity.UserId,
                    PersonId = link.PersonId,
                    CreatedAtMs = database.NowMs(),
                });
            }
            else
            {
                MergeInto(db, current.PersonId, link.PersonId);
            }

            return new LinkResult(LinkStatus.Linked, link.PersonId);
        });
    }

    public void Forget(long personId)
    {
        ForgetInDatabase(personId);
        database.CheckpointNow();
        database.Cache.Invalidate(personId);
    }

    private void ForgetInDatabase(long personId) =>
        database.WriteTransaction(db =>
        {
            db.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).DeleteMany(d => d.PersonId == personId);
            db.GetCollection<MarkDocument>(ChatBotDatabase.Marks).DeleteMany(d => d.PersonId == personId);
            db.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).DeleteMany(d => d.PersonId == personId);
            db.GetCollection<LinkCodeDocument>(ChatBotDatabase.LinkCodes).DeleteMany(d => d.PersonId == personId);
            db.GetCollection<IdentityDocument>(ChatBotDatabase.Identities).DeleteMany(d => d.PersonId == personId);
            return db.GetCollection<PersonDocument>(ChatBotDatabase.People).Delete(personId);
        });

    public PeopleStatistics GetStatistics()
    {
        var people = database.Database.GetCollection<PersonDocument>(ChatBotDatabase.People).Count();
        var perPlatform = database.Database.GetCollection<IdentityDocument>(ChatBotDatabase.Identities)
            .FindAll()
            .GroupBy(d => d.Platform, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new PeopleStatistics(people, perPlatform);
    }

    internal static string IdentityKey(PlatformIdentity identity) => $"{identity.Platform}:{identity.UserId}";

    /// <summary>Moves everything of <paramref name="sourceId"/> to <paramref name="targetId"/> and deletes the source person.</summary>
    private static void MergeInto(LiteDatabase db, long sourceId, long targetId)
    {
        var ratings = db.GetCollection<RatingDocument>(ChatBotDatabase.Ratings);
        foreach (var rating in ratings.Find(d => d.PersonId == sourceId).ToList())
        {
            ratings.Delete(rating.Id);
            var targetKey = LiteRatingStore.RatingKey(targetId, rating.MovieId);
            var existing = ratings.FindById(targetKey);
            if (existing is null || existing.RatedAtMs < rating.RatedAtMs)
            {
                rating.Id = targetKey;
                rating.PersonId = targetId;
                ratings.Upsert(rating);
            }
        }

        var marks = db.GetCollection<MarkDocument>(ChatBotDatabase.Marks);
        foreach (var mark in marks.Find(d => d.PersonId == sourceId).ToList())
        {
            marks.Delete(mark.Id);
            mark.Id = LiteRatingStore.RatingKey(targetId, mark.MovieId);
            mark.PersonId = targetId;
            marks.Upsert(mark);
        }

        var identities = db.GetCollection<IdentityDocument>(ChatBotDatabase.Identities);
        foreach (var identity in identities.Find(d => d.PersonId == sourceId).ToList())
        {
            identity.PersonId = targetId;
            identities.Update(identity);
        }

        db.GetCollection<ConversationDocument>(ChatBotDatabase.Conversations).DeleteMany(d => d.PersonId == sourceId);
        db.GetCollection<LinkCodeDocument>(ChatBotDatabase.LinkCodes).DeleteMany(d => d.PersonId == sourceId);
        db.GetCollection<PersonDocument>(ChatBotDatabase.People).Delete(sourceId);
    }

    private static Person ToPerson(PersonDocument document) =>
        new(document.Id, DateTimeOffset.FromUnixTimeMilliseconds(document.CreatedAtMs), document.Language);
}
