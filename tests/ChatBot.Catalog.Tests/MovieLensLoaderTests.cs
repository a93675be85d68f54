using ChatBot.Catalog.MovieLens;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Catalog.Tests;

public sealed class MovieLensLoaderTests
{
    private readonly MovieLensLoader _loader = new(NullLogger<MovieLensLoader>.Instance);

    [Fact]
    public void Load_MlLatestSmall_ParsesEveryRow()
    {
        var import = _loader.Load(TestData.MovieLensSmall);

        Assert.Empty(import.Issues);
        Assert.Equal(MovieLensLayout.Csv, import.Layout);
        Assert.Equal(9742, import.Catalog.Movies.Count);
        Assert.Equal(100836, import.Catalog.Ratings.Count);
        Assert.All(import.Catalog.Movies, m => Assert.False(string.IsNullOrWhiteSpace(m.Title)));
    }

    [Fact]
    public void Load_MlLatestSmall_KeepsTitlesGenresAndLinks()
    {
        var catalog = _loader.Load(TestData.MovieLensSmall).Catalog;

        var matrix = catalog.Find(2571);
        Assert.NotNull(matrix);
        Assert.Equal("The Matrix (1999)", matrix.DisplayTitle);
        Assert.Contains("Sci-Fi", matrix.Genres);
        Assert.Equal("0133093", matrix.ImdbId);
        Assert.Equal(603, matrix.TmdbId);
        Assert.True(catalog.RatingCount(2571) > 200);

        var amelie = catalog.Find(4973);
        Assert.NotNull(amelie);
        Assert.Contains("Le Fabuleux destin d'Amélie Poulain", amelie.AlternateTitles);

        var noGenres = catalog.Movies.First(m => m.RawTitle == "Black Mirror");
        Assert.Empty(noGenres.Genres);
        Assert.Null(noGenres.Year);
    }

    [Fact]
    public void Load_Tags_MostUsedFirst()
    {
        var catalog = _loader.Load(TestData.MovieLensSmall).Catalog;

        // Step Brothers: "funny" and "will ferrell" were each given by three people, the rest by one.
        var stepBrothers = catalog.Find(60756);
        Assert.NotNull(stepBrothers);
        Assert.Equal(["funny", "will ferrell"], stepBrothers.Tags.Take(2));
        Assert.Contains("Highly quotable", stepBrothers.Tags);
        Assert.Equal(stepBrothers.Tags.Count, stepBrothers.Tags.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("philosophy", catalog.Find(2571)!.Tags);
        Assert.Equal(1572, catalog.Movies.Count(m => m.Tags.Count > 0));
    }

    [Fact]
    public void Load_NoTagsFile_EmptyTags()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Animation|Children\n2,Heat (1995),Action\n");
        File.WriteAllText(folder.Combine("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");

        var import = _loader.Load(folder.Path);

        Assert.Empty(import.Issues);
        Assert.Equal(2, import.Catalog.Movies.Count);
        Assert.All(import.Catalog.Movies, m => Assert.Empty(m.Tags));
    }

    [Fact]
    public void Load_TagCaseVariants_KeptOnce()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Animation|Children\n");
        File.WriteAllText(folder.Combine("tags.csv"), """
            userId,movieId,tag,timestamp
            1,1,pixar,1
            2,1,Pixar ,2
            3,1,"toys, talking",3
            4,x,broken,4
            """);

        var import = _loader.Load(folder.Path);

        Assert.Equal(["pixar", "toys, talking"], import.Catalog.Find(1)?.Tags);
        var issue = Assert.Single(import.Issues);
        Assert.Equal(("tags.csv", 5L), (issue.File, issue.Line));
    }

    [Fact]
    public void Load_Ml100k_ParsesEveryRowInLatin1()
    {
        var import = _loader.Load(TestData.MovieLens100k);

        Assert.Empty(import.Issues);
        Assert.Equal(MovieLensLayout.Ml100k, import.Layout);
        Assert.Equal(1682, import.Catalog.Movies.Count);
        Assert.Equal(100000, import.Catalog.Ratings.Count);
        Assert.Equal("Les Misérables (1995)", import.Catalog.Find(543)?.DisplayTitle);
        Assert.Equal(["Animation", "Children", "Comedy"], import.Catalog.Find(1)?.Genres);
        Assert.All(import.Catalog.Movies, m => Assert.Empty(m.Tags));
    }

    [Fact]
    public void Load_MalformedRows_ReportsAndSkipsThem()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("movies.csv"), """
            movieId,title,genres
            1,Toy Story (1995),Animation|Children
            x,Broken id (2000),Drama
            3,"Heat (1995)"
            4,,Drama
            5,"Postman, The (Postino, Il) (1994)",Comedy|Drama
            5,Duplicate (1999),Drama
            """);
        File.WriteAllText(folder.Combine("ratings.csv"), """
            userId,movieId,rating,timestamp
            1,1,4.0,964982703
            1,5,4.3,964982703
            1,999,3.0,964982703
            2,5,5,964982224
            """);

        var import = _loader.Load(folder.Path);

        Assert.Equal([1, 5], import.Catalog.Movies.Select(m => m.Id));
        Assert.Equal("The Postman (1994)", import.Catalog.Find(5)?.DisplayTitle);
        Assert.Equal(2, import.Catalog.Ratings.Count);
        Assert.Equal(6, import.Issues.Count);
        Assert.Contains(import.Issues, i => i.File == "movies.csv" && i.Line == 3 && i.Reason.Contains("movieId", StringComparison.Ordinal));
        Assert.Contains(import.Issues, i => i.File == "ratings.csv" && i.Line == 3 && i.Reason.Contains("half-star", StringComparison.Ordinal));
        Assert.Contains(import.Issues, i => i.File == "ratings.csv" && i.Line == 4 && i.Reason.Contains("999", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DoubleColonLayout_ParsesMoviesAndRatings()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("movies.dat"), "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Matrix, The (1999)::Action|Sci-Fi\n");
        File.WriteAllText(folder.Combine("ratings.dat"), "1::1::5::978300760\n1::2::3::978302109\n2::2::4::978301968\n");

        var import = _loader.Load(folder.Path);

        Assert.Empty(import.Issues);
        Assert.Equal(MovieLensLayout.DoubleColon, import.Layout);
        Assert.Equal("The Matrix (1999)", import.Catalog.Find(2)?.DisplayTitle);
        Assert.Equal(["Animation", "Children", "Comedy"], import.Catalog.Find(1)?.Genres);
        Assert.Equal(2, import.Catalog.RatingCount(2));
    }

    [Fact]
    public void Load_FolderWithoutMovieLens_ThrowsWithHint()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<InvalidDataException>(() => _loader.Load(folder.Path));

        Assert.Contains("movies.csv", error.Message, StringComparison.Ordinal);
    }
}
