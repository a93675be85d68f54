using ChatBot.Catalog.MovieLens;
using ChatBot.Catalog.Titles;
using ChatBot.Core.Language;
using ChatBot.Core.Movies;
using ChatBot.Language.Generators;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Language.Tests;

public sealed class GroundingCompatibilityTests
{
    private static readonly Lazy<(IMovieCatalog Catalog, TitleIndex Index)> Catalog = new(() =>
    {
        var catalog = new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog;
        return (catalog, new TitleIndex(catalog));
    });

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Templates_EveryVariant_NamesTitlesTheTitleIndexFinds(string language)
    {
        var (catalog, index) = Catalog.Value;
        int[] movieIds = [1228, 2571, 6539, 44191, 5618, 2959];
        var candidates = movieIds.Select(id => catalog.Find(id)!).Select(m => new CandidateTitle(m.Id, m.DisplayTitle, m.Genres, language == "zh" ? "评分很高" : "highly rated")).ToList();
        var generator = new TemplateReplyGenerator();

        for (var variant = 0; variant < 40; variant++)
        {
            var request = new ReplyGenerationRequest
            {
                Language = language,
                UserMessage = $"message {variant}",
                Candidates = [.. candidates.Skip(variant % 4)],
                RequestedCount = 2,
                Liked = [new RatedTitle(2959, catalog.Find(2959)!.DisplayTitle, 5)],
            };
            var text = generator.Generate(request).Text;
            var found = index.ExtractMentions(text).Select(m => m.Movie.Id).ToHashSet();

            Assert.All(request.Candidates.Take(2), c => Assert.True(found.Contains(c.MovieId), $"'{c.DisplayTitle}' was not found in: {text}"));
        }
    }
}
