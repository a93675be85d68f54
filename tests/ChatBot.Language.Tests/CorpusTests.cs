using System.Text.RegularExpressions;
using ChatBot.Catalog.MovieLens;
using ChatBot.Core.Conversations;
using ChatBot.Core.Movies;
using ChatBot.Language.Corpora;
using ChatBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Language.Tests;

public sealed class CorpusTests
{
    private static readonly Lazy<IMovieCatalog> Catalog = new(() =>
        new MovieLensLoader(NullLogger<MovieLensLoader>.Instance).Load(TestData.MovieLensSmall).Catalog);

    [Fact]
    public void DialogueJson_DocumentedShape_BuildsHistoryPerUser()
    {
        using var folder = new TemporaryFolder("chatbot-corpus");
        var path = folder.Combine("dialogues.json");
        File.WriteAllText(path, """
            [{"user_id": 1, "message": "What are some good action movies?", "response": "I recommend watching \"Avengers: Endgame\" and \"Mission Impossible: Fallout\"."},
             {"user_id": 2, "message": "Any comedies?", "response": "Try \"Airplane!\"."},
             {"user_id": 1, "message": "Anything older?", "response": "\"Die Hard\" is a classic."}]
            """);

        var examples = DialogueJsonCorpus.Read(path);

        Assert.Equal(3, examples.Count);
        Assert.Empty(examples[0].Request.History);
        Assert.Empty(examples[1].Request.History);
        Assert.Equal(["What are some good action movies?", "I recommend watching \"Avengers: Endgame\" and \"Mission Impossible: Fallout\"."], examples[2].Request.History.Select(t => t.Text));
        Assert.Equal(TurnSpeaker.Bot, examples[2].Request.History[1].Speaker);
        Assert.Equal("\"Die Hard\" is a classic.", examples[2].Response);
    }

    [Theory]
    [InlineData("{\"user_id\": 1}", "JSON array")]
    [InlineData("[{\"user_id\": 1, \"message\": \"hi\"}]", "entry 0 has no \"message\" or no \"response\"")]
    public void DialogueJson_InvalidFile_SaysWhatIsWrong(string content, string expected)
    {
        using var folder = new TemporaryFolder("chatbot-corpus");
        var path = folder.Combine("bad.json");
        File.WriteAllText(path, content);

        var exception = Assert.Throws<InvalidDataException>(() => DialogueJsonCorpus.Read(path));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redial_Sample_ResolvesMentionsAndSpeakers()
    {
        var examples = RedialCorpus.Read(Path.Combine(TestData.Redial, "valid_data_sample100.jsonl"));

        Assert.True(examples.Count > 300, $"Only {examples.Count} recommender turns were read.");
        Assert.All(examples, e => Assert.DoesNotMatch(@"@\d", e.Response + e.Request.UserMessage));
        var named = examples.First(e => e.Request.Candidates.Count > 0);
        Assert.All(named.Request.Candidates, c => Assert.Contains(c.DisplayTitle, named.Response, StringComparison.Ordinal));
        Assert.DoesNotContain(examples, e => e.Request.Candidates.Any(c => c.DisplayTitle.Contains("  ", StringComparison.Ordinal)));
        Assert.Contains(examples, e => e.Request.History.Count >= 4 && e.Request.History[0].Speaker == TurnSpeaker.Person);
    }

    [Fact]
    public void Synthesised_FromCatalog_NamesRealUnratedCandidates()
    {
        var catalog = Catalog.Value;
        var dialogues = new SyntheticDialogues(catalog);

        var examples = dialogues.Generate(400, seed: 3).ToList();
        var again = dialogues.Generate(400, seed: 3).ToList();

        Assert.Equal(examples.Select(e => e.Response), again.Select(e => e.Response));
        var recommending = examples.Where(e => e.Request.Candidates.Count > 0).ToList();
        Assert.True(recommending.Count > 300);
        foreach (var example in recommending)
        {
            var request = example.Request;
            Assert.All(request.Candidates, c => Assert.Equal(catalog.Find(c.MovieId)!.DisplayTitle, c.DisplayTitle));
            Assert.DoesNotContain(request.Candidates, c => request.Liked.Any(l => l.MovieId == c.MovieId) || request.Disliked.Any(d => d.MovieId == c.MovieId));
            Assert.All(request.Candidates.Take(request.RequestedCount), c => Assert.Contains(c.DisplayTitle, example.Response, StringComparison.Ordinal));
            Assert.All(request.Candidates.Skip(request.RequestedCount), c => Assert.DoesNotContain(c.DisplayTitle + ",", example.Response + ",", StringComparison.Ordinal));
        }

        var chinese = examples.Count(e => e.Request.Language == "zh");
        Assert.InRange(chinese, 60, 140);
        Assert.All(examples.Where(e => e.Request.Language == "zh"), e => Assert.Matches(new Regex(@"\p{IsCJKUnifiedIdeographs}"), e.Response));
        Assert.Contains(examples, e => e.Request.History.Count == 2);
    }

    [Fact]
    public void Synthesised_HeldOut_UsesOnlyHeldOutUsers()
    {
        var catalog = Catalog.Value;
        var heldOutProfiles = catalog.Ratings.UserIds.Distinct().Where(SyntheticDialogues.IsHeldOutUser)
            .Select(u => Enumerable.Range(0, catalog.Ratings.Count).Where(i => catalog.Ratings.UserIds[i] == u).Select(i => catalog.Ratings.MovieIds[i]).ToHashSet())
            .ToList();

        var examples = new SyntheticDialogues(catalog).Generate(100, seed: 4, heldOut: true).Where(e => e.Request.Disliked.Count > 0).ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Contains(heldOutProfiles, profile => e.Request.Disliked.All(d => profile.Contains(d.MovieId))));
    }
}
