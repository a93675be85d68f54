using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Catalog.Tests;

/// <summary>Loads ml-latest-small and builds its title index once for all tests of a collection.</summary>
public sealed class CatalogFixture
{
    public CatalogFixture()
    {
        Catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
        Index = new TitleIndex(Catalog);
    }

    public MovieCatalog Catalog { get; }

    public TitleIndex Index { get; }
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogFixture>
{
    public const string Name = "ml-latest-small title index";
}
