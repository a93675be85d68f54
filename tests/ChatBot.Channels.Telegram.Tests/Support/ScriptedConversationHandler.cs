using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Channels.Telegram.Tests.Support;

/// <summary>
/// A small conversation handler for adapter tests, backed by the real LiteDB person and rating
/// stores. It understands a few scripted inputs: "/rate MOVIEID STARS", "/recommend", "/ratings",
/// buttons "rate:MOVIEID:HALFSTARS", "seen:MOVIEID" and "skip:MOVIEID", and the texts "echo ...",
/// "long N", "fail", and "wait ..." (which blocks until <see cref="ReleaseWaiting"/>).
/// </summary>
public sealed class ScriptedConversationHandler(IPersonStore people, IRatingStore ratings) : IConversationHandler
{
    /// <summary>The catalog the handler recommends from; titles carry HTML special characters on purpose.</summary>
    public static readonly IReadOnlyList<(int Id, string Title, string[] Genres)> Movies =
    [
        (6, "Heat (1995)", ["Action", "Crime"]),
        (2571, "Matrix, The (1999)", ["Action", "Sci-Fi"]),
        (9001, "Tom & Jerry <The Movie> (1992)", ["Animation", "Children's"]),
        (4973, "Amélie \"Le Fabuleux\" (2001)", ["Comedy", "Romance"]),
    ];

    private readonly ConcurrentQueue<IncomingMessage> _handled = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _waitingStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<IncomingMessage> Handled => [.. _handled];

    /// <summary>Gets a task that completes when a "wait" message starts blocking.</summary>
    public Task WaitingStarted => _waitingStarted.Task;

    public void ReleaseWaiting() => _release.TrySetResult();

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        _handled.Enqueue(message);
        var person = people.GetOrCreate(new PlatformIdentity(message.Platform, message.PlatformUserId));
        var language = message.Locale?.StartsWith("zh", StringComparison.Ordinal) == true ? "zh" : "en";
        if (message.ActionPayload is { } payload)
        {
            return HandleButton(person, payload, language);
        }

        switch (message.Command?.Name)
        {
            case "rate":
                var parts = message.Command.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var movie = Movies.First(m => m.Id == int.Parse(parts[0], CultureInfo.InvariantCulture));
                ratings.Upsert(person.Id, movie.Id, Stars.FromValue(double.Parse(parts[1], CultureInfo.InvariantCulture)), DateTimeOffset.UtcNow);
                return Reply.Plain($"Saved {parts[1]} stars for {movie.Title}.", language);
            case "recommend":
                return Recommend(person, language);
            case "ratings":
                var lines = ratings.GetRatings(person.Id).Select(r => $"{Movies.First(m => m.Id == r.MovieId).Title}: {r.Stars}");
                return Reply.Plain(string.Join('\n', lines), language);
            case not null:
                return Reply.Plain($"Command {message.Command.Name} with '{message.Command.Arguments}'.", language);
        }

        var text = message.Text;
        if (text.StartsWith("echo ", StringComparison.Ordinal))
        {
            return Reply.Plain(text["echo ".Length..], language);
        }

        if (text.StartsWith("long ", StringComparison.Ordinal))
        {
            return Reply.Plain(LongText(int.Parse(text["long ".Length..], CultureInfo.InvariantCulture)), language);
        }

        if (text == "fail")
        {
            throw new InvalidOperationException("The scripted handler fails on purpose.");
        }

        if (text.StartsWith("wait", StringComparison.Ordinal))
        {
            _waitingStarted.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            return Reply.Plain("Done waiting.", language);
        }

        return Reply.Plain($"You said: {text}", language);
    }

    /// <summary>Builds numbered lines "line 0001 ..." of about 60 characters until the text has <paramref name="length"/> characters.</summary>
    public static string LongText(int length)
    {
        var text = new StringBuilder();
        for (var i = 1; text.Length < length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {i:D4} <a&b> the quick brown fox jumps over the lazy dog\n");
        }

        return text.ToString(0, length).TrimEnd('\n');
    }

    private Reply Recommend(Person person, string language)
    {
        var rated = ratings.GetRatings(person.Id).Select(r => r.MovieId).ToHashSet();
        var marked = ratings.GetMarks(person.Id).Select(m => m.MovieId).ToHashSet();
        var movies = Movies
            .Where(m => !rated.Contains(m.Id) && !marked.Contains(m.Id))
            .Select(m => new ReplyMovie(
                m.Id,
                m.Title,
                null,
                m.Genres,
                "Because you asked <nicely> & politely",
                null,
                [
                    .. Enumerable.Range(1, 5).Select(stars => new ReplyAction($"★{stars}", $"rate:{m.Id}:{stars * 2}")),
                    new ReplyAction("Seen it", $"seen:{m.Id}"),
                    new ReplyAction("Not interested", $"skip:{m.Id}"),
                ]))
            .ToList();
        return new Reply { Text = "Here are some movies for you:", Language = language, Movies = movies, Kind = ReplyKind.Recommendations };
    }

    private Reply HandleButton(Person person, string payload, string language)
    {
        var parts = payload.Split(':');
        var movieId = parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var id) ? id : -1;
        var movie = Movies.FirstOrDefault(m => m.Id == movieId);
        if (movie.Title is null)
        {
            return Reply.Plain("Sorry, that button is not valid any more. Ask me for new recommendations.", language) with { Kind = ReplyKind.Error };
        }

        switch (parts[0])
        {
            case "rate" when parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var halfStars) && Stars.TryFromHalfStars(halfStars, out var stars):
                ratings.Upsert(person.Id, movie.Id, stars, DateTimeOffset.UtcNow);
                return Reply.Plain($"Saved {stars.ToGlyphs()} for {movie.Title}.", language);
            case "seen":
                ratings.Mark(person.Id, movie.Id, MovieMarkKind.Seen, DateTimeOffset.UtcNow);
                return Reply.Plain($"Noted that you have seen {movie.Title}.", language);
            case "skip":
                ratings.Mark(person.Id, movie.Id, MovieMarkKind.NotInterested, DateTimeOffset.UtcNow);
                return Reply.Plain($"I will not recommend {movie.Title} again.", language);
            default:
                return Reply.Plain("Sorry, that button is not valid any more. Ask me for new recommendations.", language) with { Kind = ReplyKind.Error };
        }
    }
}
