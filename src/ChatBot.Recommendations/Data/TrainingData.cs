using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Recommendations.Data;

/// <summary>
/// The ratings a model is trained on, in index space. Catalog users (MovieLens user ids) take user
/// indices 0..CatalogUserCount-1 and the bot's people take the indices after them, so the two id
/// spaces never collide.
/// </summary>
public sealed class TrainingData
{
    private TrainingData(ItemIndex items, RatingMatrix ratings, int catalogUserCount, int personCount)
    {
        Items = items;
        Ratings = ratings;
        CatalogUserCount = catalogUserCount;
        PersonCount = personCount;
    }

    public ItemIndex Items { get; }

    public RatingMatrix Ratings { get; }

    public int CatalogUserCount { get; }

    public int PersonCount { get; }

    /// <summary>Builds training data from the catalog's public ratings and the people's own ratings.</summary>
    public static TrainingData Create(RatingTable catalogRatings, IReadOnlyList<UserRating> personRatings)
    {
        ArgumentNullException.ThrowIfNull(catalogRatings);
        ArgumentNullException.ThrowIfNull(personRatings);
        var movieIds = new SortedSet<int>(catalogRatings.MovieIds);
        movieIds.UnionWith(personRatings.Select(r => r.MovieId));
        var items = new ItemIndex([.. movieIds]);

        var catalogUsers = new SortedSet<int>(catalogRatings.UserIds).ToArray();
        var catalogUserIndex = new Dictionary<int, int>(catalogUsers.Length);
        for (var u = 0; u < catalogUsers.Length; u++)
        {
            catalogUserIndex[catalogUsers[u]] = u;
        }

        var people = new SortedSet<long>(personRatings.Select(r => r.PersonId)).ToArray();
        var personIndex = new Dictionary<long, int>(people.Length);
        for (var p = 0; p < people.Length; p++)
        {
            personIndex[people[p]] = catalogUsers.Length + p;
        }

        var count = catalogRatings.Count + personRatings.Count;
        var users = new int[count];
        var itemIndices = new int[count];
        var stars = new float[count];
        for (var k = 0; k < catalogRatings.Count; k++)
        {
            users[k] = catalogUserIndex[catalogRatings.UserIds[k]];
            itemIndices[k] = items.IndexOf(catalogRatings.MovieIds[k]);
            stars[k] = catalogRatings.Stars[k];
        }

        for (var k = 0; k < personRatings.Count; k++)
        {
            var rating = personRatings[k];
            var target = catalogRatings.Count + k;
            users[target] = personIndex[rating.PersonId];
            itemIndices[target] = items.IndexOf(rating.MovieId);
            stars[target] = (float)rating.Stars.Value;
        }

        var matrix = new RatingMatrix(catalogUsers.Length + people.Length, items.Count, users, itemIndices, stars);
        return new TrainingData(items, matrix, catalogUsers.Length, people.Length);
    }

    /// <summary>Wraps ratings that are already in index space, such as an evaluation split.</summary>
    public static TrainingData FromMatrix(ItemIndex items, RatingMatrix ratings)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ratings);
        if (items.Count != ratings.ItemCount)
        {
            throw new ArgumentException($"The item index has {items.Count} items but the ratings have {ratings.ItemCount}.", nameof(ratings));
        }

        return new TrainingData(items, ratings, ratings.UserCount, 0);
    }
}
