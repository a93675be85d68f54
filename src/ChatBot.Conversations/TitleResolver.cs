using ChatBot.Conversations.Parsing;
using ChatBot.Core.Conversations;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.Titles;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations;

/// <summary>The movie a title argument resolved to, or the reply that asks or explains instead.</summary>
public sealed record TitleResolution(Movie? Movie, Reply? Reply);

/// <summary>
/// Resolves title arguments of commands through the title index. When several movies fit it asks
/// which one and remembers the question; when none fits it offers the closest titles.
/// </summary>
public sealed class TitleResolver(ITitleIndex index, IOptions<ConversationOptions> options)
{
    private const int MaxChoices = 5;

    /// <summary>The share of the best candidate's score another candidate needs to be offered as a choice.</summary>
    private const double ChoiceScoreShare = 0.2;

    /// <summary>Below this share of the best score, the runner-up does not compete and the question is "did you mean" the best one.</summary>
    private const double ClearLeadShare = 0.1;

    /// <summary>Resolves <paramref name="query"/> for <paramref name="command"/>; <paramref name="halfStars"/> is kept with a question so the answer can finish the command.</summary>
    /// <param name="prefer">Movies to prefer among close candidates (for /unrate: the person's rated movies).</param>
    public TitleResolution Resolve(ConversationContext context, string query, string command, int halfStars, Func<Movie, bool>? prefer = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        var lookup = index.Lookup(query, MaxChoices);

        if (prefer is not null && lookup.Status != TitleMatchStatus.None)
        {
            var preferred = lookup.Candidates.Where(c => prefer(c.Movie)).ToList();
            if (preferred.Count == 1)
            {
                return new TitleResolution(preferred[0].Movie, null);
            }
        }

        switch (lookup.Status)
        {
            case TitleMatchStatus.Match:
                return new TitleResolution(lookup.Candidates[0].Movie, null);

            case TitleMatchStatus.Ambiguous when lookup.Candidates.Count == 1 || lookup.Candidates[1].Score < lookup.Candidates[0].Score * ClearLeadShare:
                // A misspelling with one clear candidate ("the godfahter"): confirm that one instead of listing strays.
                var leader = lookup.Candidates[0].Movie;
                return Ask(
                    context,
                    command,
                    halfStars,
                    [leader],
                    text.Get("TitleDidYouMean", UserText.Quote(query), leader.DisplayTitle),
                    [new ReplyAction(text.Get("ButtonYes"), ActionPayload.Yes), new ReplyAction(text.Get("ButtonNo"), ActionPayload.No)]);

            case TitleMatchStatus.Ambiguous:
                // Only the candidates that compete with the best one are offered, because a distant
                // fifth candidate ("Duplex" for "dune") would only make the question harder to answer.
                var best = lookup.Candidates[0].Score;
                var choices = lookup.Candidates
                    .Where((c, i) => i < 2 || c.Score >= best * ChoiceScoreShare)
                    .Take(MaxChoices)
                    .Select(c => c.Movie)
                    .ToList();
                return Ask(
                    context,
                    command,
                    halfStars,
                    choices,
                    text.Get("TitleAmbiguous", UserText.Quote(query)),
                    [.. choices.Select((m, i) => new ReplyAction($"{i + 1}. {m.DisplayTitle}", ActionPayload.Choose(i)))]);

            default:
                var closest = lookup.Candidates.Take(options.Value.ClosestTitleCount).Select(c => c.Movie).ToList();
                return new TitleResolution(null, new Reply
                {
                    Text = closest.Count > 0
                        ? text.Get("TitleNotFoundClosest", UserText.Quote(query))
                        : text.Get("TitleNotFound", UserText.Quote(query)),
                    Footer = closest.Count > 0 ? null : text.Get("TitleNotFoundHint"),
                    Language = text.Language,
                    Kind = ReplyKind.Error,
                    Movies = [.. closest.Select(m => ReplyFactory.Plain(m, null, text))],
                });
        }
    }

    /// <summary>Remembers a question about which of <paramref name="choices"/> the person means, and returns the reply that asks it.</summary>
    private TitleResolution Ask(ConversationContext context, string command, int halfStars, IReadOnlyList<Movie> choices, string question, IReadOnlyList<ReplyAction> actions)
    {
        context.State = context.State with
        {
            Pending = new PendingQuestion(
                PendingKind.ChooseMovie,
                command,
                [.. choices.Select(m => m.Id)],
                [.. choices.Select(_ => halfStars)],
                context.Now.AddMinutes(options.Value.PendingQuestionMinutes)),
        };
        return new TitleResolution(null, new Reply
        {
            Text = question,
            Language = context.Text.Language,
            Kind = ReplyKind.Question,
            Movies = [.. choices.Select(m => ReplyFactory.Plain(m, null, context.Text))],
            Actions = actions,
        });
    }
}
