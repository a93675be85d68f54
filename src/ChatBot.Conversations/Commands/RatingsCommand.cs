using System.Globalization;
using ChatBot.Conversations.Localization;
using ChatBot.Conversations.Parsing;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Commands;

/// <summary>/ratings [PAGE]: the person's ratings, newest first, a page at a time; only the person sees them.</summary>
public sealed class RatingsCommand(IRatingStore ratings, IMovieCatalog catalog, IOptions<ConversationOptions> options) : ICommandHandler
{
    public IReadOnlyList<string> Names { get; } = ["ratings"];

    public Task<Reply> HandleAsync(ConversationContext context, CommandInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var text = context.Text;
        var all = ratings.GetRatings(context.Person.Id);
        if (all.Count == 0)
        {
            return Task.FromResult(new Reply { Text = text.Get("RatingsEmpty"), Language = text.Language, IsPrivate = true });
        }

        var pageSize = options.Value.RatingsPageSize;
        var pages = (all.Count + pageSize - 1) / pageSize;
        var argument = (command.GetOption("page") ?? command.Arguments).Trim();
        var page = 1;
        if (pages == 1 && argument.Length > 0 && int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var wanted) && wanted > 1)
        {
            return Task.FromResult(ReplyFactory.Error(text.Get("RatingsSinglePage", wanted), text) with { IsPrivate = true });
        }

        if (argument.Length > 0 && (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pages))
        {
            return Task.FromResult(ReplyFactory.Error(text.Get("RatingsPageInvalid", UserText.Quote(argument, 20), pages), text) with { IsPrivate = true });
        }

        var lines = all.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => (Rating: r, Movie: catalog.Find(r.MovieId)))
            .Where(x => x.Movie is not null)
            .Select(x => ReplyFactory.Plain(x.Movie!, BotText.FormatStars(x.Rating.Stars), text))
            .ToList();

        return Task.FromResult(new Reply
        {
            Text = text.Get("RatingsHeader", all.Count, page, pages),
            Language = text.Language,
            Kind = ReplyKind.RatingList,
            Movies = lines,
            Footer = page < pages ? text.Get("RatingsNextPage", page + 1) : null,
            IsPrivate = true,
        });
    }
}
