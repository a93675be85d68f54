using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Storage;

/// <summary>Ratings and marks in LiteDB; every write is durable when the method returns.</summary>
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

        var previous = database.WriteDurably(db =>
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
        Interlocked.Increment(ref _changeCount);
        return previous is null ? null : ToRating(previous);
    }

    public UserRating? Remove(long personId, int movieId)
    {
        var removed = database.WriteDurably(db =>
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
            Interlocked.Increment(ref _changeCount);
        }

        return removed is null ? null : ToRating(removed);
    }

    public IReadOnlyList<UserRating> GetRatings(long personId) =>
        [.. database.Database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings)
            .Find(d => d.PersonId == personId)
            .Select(ToRating)
            .OrderByDescending(r => r.RatedAt)
            .ThenBy(r => r.MovieId)];

    public UserRating? GetRating(long personId, int movieId)
    {
        var document = database.Database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).FindById(RatingKey(personId, movieId));
        return document is null ? null : ToRating(document);
    }

    public IReadOnlyList<UserRating> GetAllRatings() =>
        [.. database.Database.GetCollection<RatingDocument>(ChatBotDatabase.Ratings).FindAll().Select(ToRating)];

    public void Mark(long personId, int movieId, MovieMarkKind kind, DateTimeOffset markedAt) =>
        database.WriteDurably(db => db.GetCollection<MarkDocument>(ChatBotDatabase.Marks).Upsert(new MarkDocument
        {
            Id = RatingKey(personId, movieId),
            PersonId = personId,
            MovieId = movieId,
            Kind = (int)kind,
            MarkedAtMs = markedAt.ToUnixTimeMilliseconds(),
        }));

    public IReadOnlyList<MovieMark> GetMarks(long personId) =>
        [.. database.Database.GetCollection<MarkDocument>(ChatBotDatabase.Marks)
            .Find(d => d.PersonId == personId)
            .Select(d => new MovieMark(d.PersonId, d.MovieId, (MovieMarkKind)d.Kind, DateTimeOffset.FromUnixTimeMilliseconds(d.MarkedAtMs)))];

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

    private static UserRating ToRating(RatingDocument document) =>
        new(document.PersonId, document.MovieId, Stars.FromHalfStars(document.HalfStars), DateTimeOffset.FromUnixTimeMilliseconds(document.RatedAtMs));
}
