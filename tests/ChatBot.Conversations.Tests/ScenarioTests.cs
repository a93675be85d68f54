using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Messaging;

namespace ChatBot.Conversations.Tests;

/// <summary>
/// Runs the scripted multi-turn conversations in Scenarios/scenarios.json through the real conversation
/// service and checks each reply's properties (kind, language, genres, years, excluded and stored movies)
/// rather than its exact text. Every reply is also checked for the invariants that hold in all
/// conversations: only catalog movies, none rated or dismissed by the person, button payloads within
/// 64 bytes.
/// </summary>
public sealed class ScenarioTests
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static TheoryData<string> ScenarioNames()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in Load())
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    [Fact]
    public void Scenarios_File_HasAtLeastForty()
    {
        Assert.True(Load().Count >= 40);
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Scenario_RunsWithExpectedProperties(string name)
    {
        var scenario = Load().Single(s => s.Name == name);
        using var harness = new ConversationHarness();
        const string user = "scenario";
        var locale = scenario.Locale ?? "en-US";
        foreach (var line in scenario.Setup ?? [])
        {
            await harness.SendAsync(line, user, locale: locale);
        }

        var replies = new List<Reply>();
        for (var i = 0; i < scenario.Turns.Count; i++)
        {
            var turn = scenario.Turns[i];
            var text = turn.Say ?? new StringBuilder().Insert(0, turn.SayRepeated!.Text, turn.SayRepeated.Times).ToString();
            var ratedBefore = harness.StoredRatings(user).Keys.ToHashSet();
            var reply = await harness.SendAsync(text, user, locale: locale);
            replies.Add(reply);
            var where = $"scenario '{name}', turn {i} ('{Shorten(text)}'): {Shorten(reply.Text)}";

            CheckInvariants(reply, ratedBefore, where);
            Check(turn.Expect, reply, replies, harness, user, where);

            if (turn.Press is { } press)
            {
                var action = reply.Movies[press.Movie].Actions.Single(a => a.Label == press.Button);
                await harness.PressAsync(action.Payload, user, locale: locale);
            }

            if (turn.PressAction is { } label)
            {
                await harness.PressAsync(reply.Actions.Single(a => a.Label == label).Payload, user, locale: locale);
            }
        }
    }

    private static void CheckInvariants(Reply reply, HashSet<int> ratedBefore, string where)
    {
        foreach (var movie in reply.Movies.Where(m => m.Actions.Count > 0))
        {
            Assert.True(ConversationHarness.Catalog.Find(movie.MovieId) is not null, $"{where}: movie {movie.MovieId} is not in the catalog");
            Assert.False(ratedBefore.Contains(movie.MovieId), $"{where}: recommended {movie.DisplayTitle}, which the person rated");
        }

        foreach (var action in reply.Actions.Concat(reply.Movies.SelectMany(m => m.Actions)))
        {
            Assert.True(Encoding.UTF8.GetByteCount(action.Payload) <= ReplyAction.MaxPayloadBytes, $"{where}: payload '{action.Payload}' is too long");
        }
    }

    private static void Check(Expectation expect, Reply reply, List<Reply> replies, ConversationHarness harness, string user, string where)
    {
        var movies = reply.Movies.Select(m => ConversationHarness.Catalog.Find(m.MovieId)!).ToList();
        if (expect.Kind is { } kind)
        {
            Assert.True(kind == reply.Kind, $"{where}: expected a {kind} reply, got {reply.Kind}");
        }

        if (expect.Language is { } language)
        {
            Assert.True(language == reply.Language, $"{where}: expected language {language}, got {reply.Language}");
        }

        if (expect.MinMovies is { } min)
        {
            Assert.True(movies.Count >= min, $"{where}: expected at least {min} movies, got {movies.Count}");
        }

        if (expect.MaxMovies is { } max)
        {
            Assert.True(movies.Count <= max, $"{where}: expected at most {max} movies, got {movies.Count}");
        }

        foreach (var movie in movies)
        {
            foreach (var genre in expect.GenresAll ?? [])
            {
                Assert.True(movie.HasGenre(genre), $"{where}: {movie.DisplayTitle} is not {genre}");
            }

            if (expect.GenresAny is { Count: > 0 } any)
            {
                Assert.True(any.Any(movie.HasGenre), $"{where}: {movie.DisplayTitle} has none of {string.Join(", ", any)}");
            }

            foreach (var genre in expect.ExcludeGenres ?? [])
            {
                Assert.False(movie.HasGenre(genre), $"{where}: {movie.DisplayTitle} is {genre}");
            }

            if (expect.YearFrom is { } from)
            {
                Assert.True(movie.Year >= from, $"{where}: {movie.DisplayTitle} is before {from}");
            }

            if (expect.YearTo is { } to)
            {
                Assert.True(movie.Year <= to, $"{where}: {movie.DisplayTitle} is after {to}");
            }

            Assert.False((expect.ExcludeMovieIds ?? []).Contains(movie.Id), $"{where}: {movie.DisplayTitle} must not be recommended");
        }

        if (expect.NoRepeatFromTurns is { } turns)
        {
            var earlier = replies.Take(replies.Count - 1).TakeLast(turns).SelectMany(r => r.Movies).Select(m => m.MovieId).ToHashSet();
            Assert.DoesNotContain(reply.Movies, m => earlier.Contains(m.MovieId));
        }

        if (expect.ExcludeRecommendedInTurn is { } turnIndex)
        {
            var earlier = replies[turnIndex].Movies[0].MovieId;
            Assert.DoesNotContain(reply.Movies, m => m.MovieId == earlier);
        }

        foreach (var text in expect.TextContains ?? [])
        {
            var full = reply.Text + "\n" + reply.Footer;
            Assert.True(full.Contains(text, StringComparison.Ordinal), $"{where}: text lacks '{text}': {full}");
        }

        foreach (var text in expect.TextNotContains ?? [])
        {
            Assert.DoesNotContain(text, reply.Text + reply.Footer, StringComparison.Ordinal);
        }

        if (expect.HasActions is { } hasActions)
        {
            Assert.True(hasActions == reply.Actions.Count > 0, $"{where}: expected reply-level buttons: {hasActions}");
        }

        var stored = harness.StoredRatings(user);
        foreach (var (movieId, stars) in expect.Stored ?? [])
        {
            Assert.True(stored.TryGetValue(int.Parse(movieId, System.Globalization.CultureInfo.InvariantCulture), out var actual) && actual == stars, $"{where}: movie {movieId} should be stored with {stars} stars");
        }

        foreach (var movieId in expect.NotStored ?? [])
        {
            Assert.False(stored.ContainsKey(movieId), $"{where}: movie {movieId} must not be stored");
        }

        if (expect.StoredFromTurn is { } fromTurn)
        {
            var movieId = replies[fromTurn.Turn].Movies[fromTurn.Movie].MovieId;
            Assert.True(stored.TryGetValue(movieId, out var actual) && actual == fromTurn.Stars, $"{where}: movie {movieId} should be stored with {fromTurn.Stars} stars");
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private static List<Scenario> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Scenarios", "scenarios.json");
        return JsonSerializer.Deserialize<List<Scenario>>(File.ReadAllText(path), JsonOptions)!;
    }

    private sealed record Scenario(string Name, string? Locale, List<string>? Setup, List<Turn> Turns);

    private sealed record Turn(string? Say, Repeated? SayRepeated, Expectation Expect, Press? Press, string? PressAction);

    private sealed record Repeated(string Text, int Times);

    private sealed record Press(int Movie, string Button);

    private sealed record StoredFromTurn(int Turn, int Movie, double Stars);

    private sealed record Expectation
    {
        [JsonConverter(typeof(JsonStringEnumConverter))]
        public ReplyKind? Kind { get; init; }

        public string? Language { get; init; }

        public int? MinMovies { get; init; }

        public int? MaxMovies { get; init; }

        public List<string>? GenresAll { get; init; }

        public List<string>? GenresAny { get; init; }

        public List<string>? ExcludeGenres { get; init; }

        public int? YearFrom { get; init; }

        public int? YearTo { get; init; }

        public List<int>? ExcludeMovieIds { get; init; }

        public int? NoRepeatFromTurns { get; init; }

        public int? ExcludeRecommendedInTurn { get; init; }

        public List<string>? TextContains { get; init; }

        public List<string>? TextNotContains { get; init; }

        public bool? HasActions { get; init; }

        public Dictionary<string, double>? Stored { get; init; }

        public List<int>? NotStored { get; init; }

        public StoredFromTurn? StoredFromTurn { get; init; }
    }
}
