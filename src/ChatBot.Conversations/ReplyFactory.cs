using ChatBot.Conversations.Localization;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;

namespace ChatBot.Conversations;

/// <summary>Builds the parts of replies that several commands share.</summary>
public static class ReplyFactory
{
    /// <summary>Creates a movie line with rating buttons (★1 to ★5), "seen it" and "not interested".</summary>
    public static ReplyMovie Recommended(Movie movie, string? reason, BotText text)
    {
        ArgumentNullException.ThrowIfNull(movie);
        ArgumentNullException.ThrowIfNull(text);
        var actions = new List<ReplyAction>(7);
        for (var stars = 1; stars <= 5; stars++)
        {
            actions.Add(new ReplyAction($"★{stars}", ActionPayload.Rate(movie.Id, stars * 2)));
        }

        actions.Add(new ReplyAction(text.Get("ButtonSeen"), ActionPayload.Seen(movie.Id)));
        actions.Add(new ReplyAction(text.Get("ButtonNotInterested"), ActionPayload.NotInterested(movie.Id)));
        return Line(movie, reason, null, actions, text);
    }

    /// <summary>Creates a movie line without buttons.</summary>
    public static ReplyMovie Plain(Movie movie, string? detail, BotText text) => Line(movie, null, detail, [], text);

    public static Reply Error(string message, BotText text) =>
        new() { Text = message, Language = text.Language, Kind = ReplyKind.Error };

    public static Reply Message(string message, BotText text) =>
        new() { Text = message, Language = text.Language };

    public static IReadOnlyList<ReplyAction> YesNo(BotText text) =>
        [new ReplyAction(text.Get("ButtonYes"), ActionPayload.Yes), new ReplyAction(text.Get("ButtonNo"), ActionPayload.No)];

    private static ReplyMovie Line(Movie movie, string? reason, string? detail, IReadOnlyList<ReplyAction> actions, BotText text) =>
        new(movie.Id, movie.DisplayTitle, movie.Year, [.. movie.Genres.Select(text.Genre)], reason, detail, actions);
}
