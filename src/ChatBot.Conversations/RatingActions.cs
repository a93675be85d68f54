using ChatBot.Conversations.Localization;
using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;

namespace ChatBot.Conversations;

/// <summary>The rating operations that commands, buttons and follow-up answers share.</summary>
public sealed class RatingActions(IRatingStore ratings)
{
    public Reply Save(ConversationContext context, Movie movie, Stars stars)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(movie);
        var previous = ratings.Upsert(context.Person.Id, movie.Id, stars, context.Now);
        var text = context.Text;
        var message = previous is null || previous.Stars == stars
            ? text.Get("RatingSaved", movie.DisplayTitle, BotText.FormatStars(stars))
            : text.Get("RatingUpdated", movie.DisplayTitle, BotText.FormatStars(stars), BotText.FormatStars(previous.Stars));
        return ReplyFactory.Message(message, text);
    }

    public Reply Remove(ConversationContext context, Movie movie)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(movie);
        var removed = ratings.Remove(context.Person.Id, movie.Id);
        return removed is null
            ? ReplyFactory.Error(context.Text.Get("UnrateNotRated", movie.DisplayTitle), context.Text)
            : ReplyFactory.Message(context.Text.Get("Unrated", movie.DisplayTitle, BotText.FormatStars(removed.Stars)), context.Text);
    }

    public Reply Mark(ConversationContext context, Movie movie, MovieMarkKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(movie);
        ratings.Mark(context.Person.Id, movie.Id, kind, context.Now);
        var key = kind == MovieMarkKind.Seen ? "MarkedSeen" : "MarkedNotInterested";
        return ReplyFactory.Message(context.Text.Get(key, movie.DisplayTitle), context.Text);
    }

    /// <summary>Returns the error reply for stars that did not parse, or null when they did.</summary>
    public static Reply? StarsError(StarParseResult result, string written, BotText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return result.Error switch
        {
            StarParseError.None => null,
            StarParseError.OutOfRange => ReplyFactory.Error(text.Get("StarsOutOfRange", FormatNumber(result.Value)), text),
            StarParseError.NotAHalfStep => ReplyFactory.Error(text.Get("StarsNotHalfStep", FormatNumber(result.Value)), text),
            _ => ReplyFactory.Error(text.Get("StarsNotARating", UserText.Quote(written, 20)), text),
        };
    }

    private static string FormatNumber(double? value) =>
        value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
