using System.Collections.Immutable;
using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Storage;

/// <summary>
/// Ratings and marks in LiteDB; every write is durable when the method returns, through the rating
/// journal. Reads come from an in-memory copy of each person's ratings that the writes keep current.
/// </summary>
public sealed class LiteRatingStore(ChatBotDatabase database) : IRatingStore
{
    private long _changeCount;

    public long ChangeCount => Interlocked.Read(ref _changeCount);

    public UserRating? Upsert(long personId, int movieId, Stars stars, DateTimeOffset ratedAt)
    {
        if (stars.HalfStars is < Stars.MinHalfStars or > Stars.MaxHalfStars)
        {
            throw new ArgumentOutOfRangeException(nameof(stars), stars.HalfStars, "A rating is 1 to 10 half stars.");
        }

        lock (database.Cache.LockFor(personId))
        {
            var previous = database.Write(db =>
            {
                var ratings = db.GetCollection<RatingDocument>(ChatBotDatabase.Ratings);
                var key = RatingKey(personId, movieId);
                var old = ratings.FindById(key);
                ratings.Upsert(new RatingDocument
                {
                    Id = key,
                    PersonId = personId,
                    MovieId = movieId,
                    HalfStars = stars.HalfStars,
                    RatedAtMs = ratedAt.ToUnixTimeMilliseconds(),
                });
                return old;
            });
            database.Journal.RatingStored(personId, movieId, stars.HalfStars, ratedAt.ToUnixTimeMilliseconds());
            var rating = new UserRating(personId, movieId, stars, DateTimeOffset.FromUnixTimeMilliseconds(ratedAt.ToUnixTimeMilliseconds()));
            database.Cache.Ratings.AddOrUpdate(personId, _ => Load(personId), (_, cached) => cached.SetItem(movieId, rating));
            Interlocked.Increment(ref _changeCount);
            return previous is null ? null : ToRating(previous);
        }
    }

    public UserRating? Remove(long personId, int movieId)
    {
        lock (database.Cache.LockFor(personId))
        {
            var removed = database.Write(db =>
            {
                var ratings = db.GetCollection<RatingDocument>(ChatBotDatabase.Ratings);
                var key = RatingKey(personId, movieId);
                var old = ratings.FindById(key);
                if (old is not null)
                {
                    ratings.Delete(key);
                }

                return old;
            });
            if (removed is not null)
            {
                database.Journal.RatingRemoved(personId, movieId);
            }

            database.Cache.Ratings.AddOrUpdate(personId, _ => Load(personId), (_, cached) => cached.Remove(movieId));
            if (removed is not null)
            {
                Interlocked.Increment(ref _changeCount);
            }

            return removed is null ? null : ToRating(removed);
        }
    }

    public IReadOnlyList<UserRating> GetRatings(long personId) =>
        [.. Cached(personId).Values.OrderByDescending(r => r.RatedAt).ThenBy(r => r.MovieId)];

    public UserRating? GetRating(long personId, int movieId) => Cached(personId).GetValueOrDefault(movieId);

    public IReadOnlyList<UserRating> GetAllRatings() =>
        [.. database.Database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).FindAll().Select(ToRating)];

    public void Mark(long personId, int movieId, MovieMarkKind kind, DateTimeOffset markedAt)
    {
        lock (database.Cache.LockFor(personId))
        {
            database.Write(db => db.GetCollection<MarkDocument>(ChatBotDatabase.Marks).Upsert(new MarkDocument
            {
                Id = RatingKey(personId, movieId),
                PersonId = personId,
                MovieId = movieId,
                Kind = (int)kind,
                MarkedAtMs = markedAt.ToUnixTimeMilliseconds(),
            }));
            database.Journal.Marked(personId, movieId, (int)kind, markedAt.ToUnixTimeMilliseconds());
            var mark = new MovieMark(personId, movieId, kind, DateTimeOffset.FromUnixTimeMilliseconds(markedAt.ToUnixTimeMilliseconds()));
            database.Cache.Marks.AddOrUpdate(personId, _ => LoadMarks(personId), (_, cached) => cached.SetItem(movieId, mark));
        }
    }

    public IReadOnlyList<MovieMark> GetMarks(long personId) =>
        [.. database.Cache.Marks.GetOrAdd(personId, LoadMarks).Values];

    public RatingStatistics GetStatistics()
    {
        var ratings = database.Database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).FindAll().ToList();
        var platformsByPerson = database.Database.GetCollection<IdentityDocument>(ChatBotDatabase.Identities)
            .FindAll()
            .GroupBy(d => d.PersonId)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Platform).Distinct(StringComparer.Ordinal).ToList());

        var perPlatform = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rating in ratings)
        {
            foreach (var platform in platformsByPerson.GetValueOrDefault(rating.PersonId) ?? [])
            {
                perPlatform[platform] = perPlatform.GetValueOrDefault(platform) + 1;
            }
        }

        return new RatingStatistics(ratings.Count, ratings.Select(r => r.PersonId).Distinct().Count(), perPlatform);
    }

    internal static string RatingKey(long personId, int movieId) => $"{personId}:{movieId}";

    private ImmutableDictionary<int, UserRating> Cached(long personId) => database.Cache.Ratings.GetOrAdd(personId, Load);

    private ImmutableDictionary<int, UserRating> Load(long personId) =>
        database.Database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings)
            .Find(d => d.PersonId == personId)
            .Select(ToRating)
            .ToImmutableDictionary(r => r.MovieId);

    private ImmutableDictionary<int, MovieMark> LoadMarks(long personId) =>
        database.Database.GetCollection<MarkDocument>(ChatBotDatabase.Marks)
            .Find(d => d.PersonId == personId)
            .Select(d => new MovieMark(d.PersonId, d.MovieId, (MovieMarkKind)d.Kind, DateTimeOffset.FromUnixTimeMilliseconds(d.MarkedAtMs)))
            .ToImmutableDictionary(m => m.MovieId);

    private static UserRating ToRating(RatingDocument document) =>
        new(document.PersonId, document.MovieId, Stars.FromHalfStars(document.HalfStars), DateTimeOffset.FromUnixTimeMilliseconds(document.RatedAtMs));
}
