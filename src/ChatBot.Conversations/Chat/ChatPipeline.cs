using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ChatBot.Conversations.Localization;
using ChatBot.Conversations.Parsing;
using ChatBot.Conversations.Ranking;
using ChatBot.Core.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Language;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.Recommendations;
using ChatBot.Core.Titles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations.Chat;

/// <summary>
/// Replies to free text. The pipeline reads the message, asks the recommender for candidates that fit
/// the person and the request, and lets the reply generator write the reply. It then grounds every title
/// the reply names in the catalog, selects what to recommend, and offers to save stated opinions as ratings.
/// </summary>
public sealed partial class ChatPipeline(
    MessageAnalyzer analyzer,
    ChatRanker ranker,
    IReplyGenerator generator,
    ReplyGrounder grounder,
    IMovieCatalog catalog,
    CatalogFacts facts,
    RecommendationPresenter presenter,
    ChatBotMetrics metrics,
    IOptions<ConversationOptions> options,
    ILogger<ChatPipeline> logger) : IChatResponder
{
    /// <summary>How many earlier bot turns' recommendations are not repeated: every one the conversation memory keeps.</summary>
    private const int RecentBotTurns = 10;

    /// <summary>How many conversation turns go into the prompt; the generator may drop more to fit its context.</summary>
    private const int HistoryTurns = 6;

    /// <summary>How many of the person's earlier messages the ranker reads for genres, years and named movies.</summary>
    private const int SignalTurns = 6;

    private readonly BuiltInTemplateGenerator _fallback = new();

    /// <summary>The analysis of earlier turns, which every later message reads again; entries go with their turns.</summary>
    private readonly ConditionalWeakTable<ConversationTurn, MessageUnderstanding> _earlierTurns = [];

    public async Task<Reply> RespondAsync(ConversationContext context, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var understanding = analyzer.Analyze(text, facts.LatestYear);
        if (IsMoreRequest(text, understanding))
        {
            understanding = EarlierRequest(context.State) ?? understanding with { Intent = MessageIntent.Recommend };
        }

        var ratings = presenter.RatingsOf(context.Person.Id);
        var rated = ratings.Select(r => r.MovieId).ToHashSet();
        var offer = OfferRatings(context, understanding, rated);

        switch (understanding.Intent)
        {
            case MessageIntent.MovieQuestion:
                return WithOffer(AnswerQuestion(context, understanding), offer, context);
            case MessageIntent.SmallTalk:
                return WithOffer(ReplyFactory.Message(context.Text.Get(SmallTalkKey(text)), context.Text), offer, context);
            case MessageIntent.Unknown:
                return ReplyFactory.Message(context.Text.Get("ChatNotUnderstood"), context.Text);
        }

        var reply = await RecommendAsync(context, text, understanding, ratings, rated, cancellationToken).ConfigureAwait(false);
        return WithOffer(reply, offer, context);
    }

    private async Task<Reply> RecommendAsync(
        ConversationContext context,
        string text,
        MessageUnderstanding understanding,
        IReadOnlyList<MovieRating> ratings,
        HashSet<int> rated,
        CancellationToken cancellationToken)
    {
        var signals = Signals(context.State, text, understanding);
        var exclude = presenter.MarkedBy(context.Person.Id);
        exclude.UnionWith(RecentlyRecommended(context.State));
        exclude.UnionWith(understanding.ExcludedMovieIds);

        // A movie the person named in this message or any remembered one is a movie they know, rated or not.
        var earlierMentions = context.State.Turns.Where(t => t.Speaker == TurnSpeaker.Person).SelectMany(t => Understand(t).Mentions);
        exclude.UnionWith(understanding.Mentions.Concat(earlierMentions).Select(m => m.Movie.Id));

        // Opinions stated in this message shape the candidates at once, before they are saved as ratings.
        var stated = understanding.Opinions
            .Where(o => !rated.Contains(o.Mention.Movie.Id))
            .Select(o => new MovieRating(o.Mention.Movie.Id, o.HalfStars / 2.0))
            .ToList();
        var query = new RecommendationQuery
        {
            IncludePredictedStars = false,
            Ratings = [.. ratings, .. stated],
            Count = Math.Max(options.Value.RecommendationCount, understanding.RequestedCount * 4),
            RequiredGenres = understanding.Genres.Required,
            AnyGenres = understanding.Genres.Any,
            ExcludedGenres = understanding.ExcludedGenres,
            YearFrom = understanding.YearFrom,
            YearTo = understanding.YearTo,
            Exclude = exclude,
            LikeMovieIds = understanding.LikeMovieIds,
        };
        var candidates = ranker.Recommend(query, signals);
        if (candidates.Count == 0)
        {
            return ReplyFactory.Message(context.Text.Get("ChatNoCandidates"), context.Text);
        }

        var request = BuildRequest(context, text, understanding, ratings, candidates);
        var generated = await GenerateAsync(request, cancellationToken).ConfigureAwait(false);

        // The candidates carry the ranker's scores; a grounded movie outside them ranks last.
        var scores = candidates.ToDictionary(c => c.MovieId, c => c.Score);
        var grounded = grounder.Ground(
            generated.Text,
            movie => !rated.Contains(movie.Id) && !exclude.Contains(movie.Id) && query.Accepts(movie),
            movieId => scores.TryGetValue(movieId, out var score) ? score : double.MinValue,
            understanding.RequestedCount);
        if (grounded.DroppedSentences > 0)
        {
            LogDroppedSentences(logger, grounded.DroppedSentences, generated.GeneratorName);
        }

        var selected = grounded.MovieIds.ToList();
        var filled = candidates.Select(c => c.MovieId).Where(id => !selected.Contains(id)).Take(understanding.RequestedCount - selected.Count).ToList();
        selected.AddRange(filled);

        var byId = candidates.ToDictionary(c => c.MovieId);
        var recommendations = selected.Select(id => byId.TryGetValue(id, out var candidate) ? candidate : new Recommendation(id, 0)).ToList();
        var replyText = grounded.Text.Length > 0 && grounded.MovieIds.Count > 0 ? grounded.Text : context.Text.Get("RecommendHeader");
        return new Reply
        {
            Text = replyText,
            Language = context.Text.Language,
            Kind = ReplyKind.Recommendations,
            Movies = presenter.Lines(context, recommendations, ratings.Count == 0, [.. stated.Select(r => r.MovieId)]),
        };
    }

    /// <summary>Returns whether the message is only a request for more of the same ("more please", "any others?", "再来几部").</summary>
    private static bool IsMoreRequest(string text, MessageUnderstanding understanding) =>
        !HasRequestTraits(understanding) && MoreRequest().IsMatch(text.Trim().ToLowerInvariant());

    /// <summary>
    /// Returns the latest of the person's recent messages that asked for recommendations, without its stated
    /// opinions (they were offered as ratings when it was sent), or null. Movies recommended since are left
    /// out by the usual rule, so the same request yields new movies.
    /// </summary>
    private MessageUnderstanding? EarlierRequest(ConversationState state) =>
        state.Turns
            .Where(t => t.Speaker == TurnSpeaker.Person)
            .TakeLast(SignalTurns)
            .Reverse()
            .Select(Understand)
            .Where(u => u.Intent == MessageIntent.Recommend && HasRequestTraits(u))
            .Select(u => u with { Opinions = [] })
            .FirstOrDefault();

    /// <summary>Returns whether a message names genres, excluded genres, years or movies, so that repeating it narrows a list.</summary>
    private static bool HasRequestTraits(MessageUnderstanding understanding) =>
        !understanding.Genres.IsEmpty
        || understanding.ExcludedGenres.Count > 0
        || understanding.YearFrom is not null
        || understanding.YearTo is not null
        || understanding.Mentions.Count > 0;

    /// <summary>Returns the analysis of an earlier turn, analysing it only the first time it is read.</summary>
    private MessageUnderstanding Understand(ConversationTurn turn) =>
        _earlierTurns.GetValue(turn, t => analyzer.Analyze(t.Text, facts.LatestYear));

    [GeneratedRegex(@"^(?:(?:ok(?:ay)?|yes|please|and|so)[,!. ]+)?(?:(?:show|give|tell|recommend)(?: me)? |any |some |got any )?(?:more|others?|other ones|something else|another (?:one|few|list))(?: (?:please|pls|thanks|like (?:these|those|that|this|them)|of (?:these|those|them)|suggestions?|picks?|movies?|films?|ideas?))*[\s\p{P}]*$|^(?:请|那)?(?:再来(?:几部|一些|点|一批)?|还有(?:吗|呢|别的吗|其他的吗)|更多|换一批|再推荐(?:几部|一些|点)?)[\s\p{P}]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MoreRequest();

    /// <summary>
    /// Reads the person's earlier messages (the latest few) and the current one for the ranker: what each asked
    /// for, its words, and the movies they named with the stated opinion. The current message's request is also the query's
    /// hard filter; earlier ones only weigh in the ranking.
    /// </summary>
    private ConversationSignals Signals(ConversationState state, string currentText, MessageUnderstanding current)
    {
        var earlier = state.Turns
            .Where(t => t.Speaker == TurnSpeaker.Person)
            .TakeLast(SignalTurns)
            .ToList();
        var texts = earlier.Select(t => t.Text).Append(currentText).ToList();
        var understood = earlier.Select(Understand).Append(current).ToList();
        var mentioned = new List<MentionedMovie>();
        foreach (var understanding in understood)
        {
            foreach (var mention in understanding.Mentions)
            {
                var opinion = mention.Sentiment switch
                {
                    MentionSentiment.Liked => MentionOpinion.Liked,
                    MentionSentiment.Disliked => MentionOpinion.Disliked,
                    _ => MentionOpinion.Unknown,
                };
                mentioned.RemoveAll(m => m.MovieId == mention.Movie.Id);
                mentioned.Add(new MentionedMovie(mention.Movie.Id, opinion));
            }
        }

        return new ConversationSignals
        {
            Mentioned = mentioned,
            Requests = [.. understood.Select(u => new RequestedTraits(u.Genres, u.ExcludedGenres, u.YearFrom, u.YearTo))],
            Texts = texts,
        };
    }

    private ReplyGenerationRequest BuildRequest(
        ConversationContext context,
        string text,
        MessageUnderstanding understanding,
        IReadOnlyList<MovieRating> ratings,
        IReadOnlyList<Recommendation> candidates)
    {
        RatedTitle Rated(MovieRating rating) => new(rating.MovieId, catalog.Find(rating.MovieId)?.DisplayTitle ?? string.Empty, rating.Stars);

        var ordered = ratings.Where(r => catalog.Find(r.MovieId) is not null).ToList();
        return new ReplyGenerationRequest
        {
            Language = context.Text.Language,
            UserMessage = UserText.NeutraliseMentions(text),
            History = [.. context.State.Turns.TakeLast(HistoryTurns)],
            Liked = [.. ordered.Where(r => r.Stars >= 4).OrderByDescending(r => r.Stars).Take(5).Select(Rated)],
            Disliked = [.. ordered.Where(r => r.Stars <= 2).OrderBy(r => r.Stars).Take(3).Select(Rated)],
            Candidates = [.. candidates.Take(Math.Max(understanding.RequestedCount * 3, 8))
                .Select(c => (Candidate: c, Movie: catalog.Find(c.MovieId)))
                .Where(x => x.Movie is not null)
                .Select(x => new CandidateTitle(x.Movie!.Id, x.Movie.DisplayTitle, x.Movie.Genres, presenter.Reason(x.Candidate, context.Text)))],
            RequestedCount = understanding.RequestedCount,
            RequestSummary = Summarise(context.Text, understanding),
        };
    }

    private async Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var reply = await generator.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.GeneratorCompleted(reply.GeneratorName, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return reply;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The person still gets the same grounded recommendations, in template words.
            LogGeneratorFailed(logger, exception, generator.Name);
            metrics.GeneratorFellBack(generator.Name);
            return await _fallback.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private string? Summarise(BotText text, MessageUnderstanding understanding)
    {
        var parts = new List<string>();
        var genres = understanding.Genres.Required.Concat(understanding.Genres.Any).Select(text.Genre).ToList();
        if (genres.Count > 0)
        {
            parts.Add(text.Get("ChatSummaryGenres", string.Join(" + ", genres)));
        }

        if (understanding.YearFrom is not null || understanding.YearTo is not null)
        {
            var from = understanding.YearFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…";
            var to = understanding.YearTo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…";
            parts.Add(text.Get("ChatSummaryDecade", from, to));
        }

        var like = understanding.LikeMovieIds.Select(catalog.Find).Where(m => m is not null).Select(m => m!.DisplayTitle).ToList();
        if (like.Count > 0)
        {
            parts.Add(text.Get("ChatSummaryLike", BuiltInTemplateGenerator.JoinList(like, text)));
        }

        return parts.Count == 0 ? null : string.Join(text.Get("ChatSummaryJoin"), parts);
    }

    private Reply AnswerQuestion(ConversationContext context, MessageUnderstanding understanding)
    {
        var text = context.Text;
        var movie = understanding.Mentions[0].Movie;
        var genres = movie.Genres.Count > 0 ? string.Join(text.Get("ListJoinComma"), movie.Genres.Select(text.Genre)) : "?";
        var answer = understanding.Question switch
        {
            MovieQuestionKind.Year when movie.Year is { } year => text.Get("ChatQuestionYear", movie.Title, year),
            MovieQuestionKind.Year => text.Get("ChatQuestionNoYear", movie.Title),
            MovieQuestionKind.Genre => text.Get("ChatQuestionGenre", movie.DisplayTitle, genres),
            _ when facts.Rating(movie.Id) is { } rating => text.Get("ChatQuestionDecline", movie.DisplayTitle, genres, rating.Mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), rating.Count),
            _ => text.Get("ChatQuestionDeclineUnrated", movie.DisplayTitle, genres),
        };
        return ReplyFactory.Message(answer, text);
    }

    /// <summary>Remembers opinions about unrated movies as a question; the person confirms before anything is stored.</summary>
    private PendingQuestion? OfferRatings(ConversationContext context, MessageUnderstanding understanding, HashSet<int> rated)
    {
        var unrated = understanding.Opinions.Where(o => !rated.Contains(o.Mention.Movie.Id)).DistinctBy(o => o.Mention.Movie.Id).ToList();
        if (unrated.Count == 0)
        {
            return null;
        }

        var pending = new PendingQuestion(
            PendingKind.ConfirmRatings,
            "rate",
            [.. unrated.Select(o => o.Mention.Movie.Id)],
            [.. unrated.Select(o => o.HalfStars)],
            context.Now.AddMinutes(options.Value.PendingQuestionMinutes));
        context.State = context.State with { Pending = pending };
        return pending;
    }

    private Reply WithOffer(Reply reply, PendingQuestion? offer, ConversationContext context)
    {
        if (offer is null)
        {
            return reply;
        }

        var items = offer.MovieIds.Zip(offer.HalfStars)
            .Select(p => (Movie: catalog.Find(p.First), Stars: Stars.FromHalfStars(p.Second)))
            .Where(p => p.Movie is not null)
            .Select(p => $"{p.Movie!.DisplayTitle} {BotText.FormatStars(p.Stars)}")
            .ToList();
        var question = context.Text.Get("ChatOfferRatings", BuiltInTemplateGenerator.JoinList(items, context.Text));
        return reply with
        {
            Footer = reply.Footer is null ? question : reply.Footer + "\n" + question,
            Actions = [.. reply.Actions, .. ReplyFactory.YesNo(context.Text)],
        };
    }

    private static IEnumerable<int> RecentlyRecommended(ConversationState state) =>
        state.Turns.Where(t => t.Speaker == TurnSpeaker.Bot).TakeLast(RecentBotTurns).SelectMany(t => t.RecommendedMovieIds);

    private static string SmallTalkKey(string text) =>
        text.Contains("thank", StringComparison.OrdinalIgnoreCase) || text.Contains("谢", StringComparison.Ordinal) || text.Contains("thx", StringComparison.OrdinalIgnoreCase)
            ? "ChatThanks"
            : "ChatGreeting";

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Reply generator {Generator} failed; answering with templates.")]
    private static partial void LogGeneratorFailed(ILogger logger, Exception exception, string generator);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Dropped {Count} generated sentences that named invented or disallowed titles ({Generator}).")]
    private static partial void LogDroppedSentences(ILogger logger, int count, string generator);
}
