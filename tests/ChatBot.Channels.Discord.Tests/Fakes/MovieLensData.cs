using ChatBot.Catalog;
using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Channels.Discord.Tests.Fakes;

/// <summary>The real ml-latest-small catalog and its title index, loaded once per test run.</summary>
public static class MovieLensData
{
    private static readonly Lazy<(MovieCatalog Catalog, TitleIndex Index)> Loaded = new(() =>
    {
        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
        return (catalog, new TitleIndex(catalog));
    });

    public static MovieCatalog Catalog => Loaded.Value.Catalog;

    public static TitleIndex Titles => Loaded.Value.Index;
}
