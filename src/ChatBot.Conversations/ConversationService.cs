using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Conversations.Chat;
using ChatBot.Conversations.Commands;
using ChatBot.Conversations.Localization;
using ChatBot.Conversations.Parsing;
using ChatBot.Core.Conversations;
using ChatBot.Core.Hosting;
using ChatBot.Core.Messaging;
using ChatBot.Core.Movies;
using ChatBot.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Conversations;

/// <summary>
/// The channel-neutral conversation service: finds the person behind a platform identity, routes
/// commands, button presses and answers to pending questions, hands free text to the chat
/// pipeline, and remembers the conversation.
/// </summary>
public sealed partial class ConversationService : IConversationHandler
{
    private readonly IPersonStore _people;
    private readonly IConversationStore _conversations;
    private readonly IMovieCatalog _catalog;
    private readonly RatingActions _ratings;
    private readonly IChatResponder _chat;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConversationService> _logger;
    private readonly Dictionary<string, ICommandHandler> _commands;
    private readonly PersonRateLimiter _rateLimiter;
    private readonly ChatBotMetrics _metrics;

    public ConversationService(
        IPersonStore people,
        IConversationStore conversations,
        IMovieCatalog catalog,
        RatingActions ratings,
        IEnumerable<ICommandHandler> commands,
        IChatResponder chat,
        PersonRateLimiter rateLimiter,
        ChatBotMetrics metrics,
        IOptions<ConversationOptions> options,
        ILogger<ConversationService> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(options);
        _people = people;
        _conversations = conversations;
        _catalog = catalog;
        _ratings = ratings;
        _chat = chat;
        _rateLimiter = rateLimiter;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _commands = commands.SelectMany(c => c.Names.Select(n => (Name: n, Handler: c))).ToDictionary(p => p.Name, p => p.Handler, StringComparer.Ordinal);
    }

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var identity = new PlatformIdentity(message.Platform, message.PlatformUserId);
        var started = Stopwatch.GetTimestamp();
        _metrics.MessageReceived(identity.Platform);
        ConversationContext? context = null;
        try
        {
            var person = _people.GetOrCreate(identity);
            var text = BotText.For(person.Language ?? BotLanguage.ForMessage(message.Text, message.Locale));
            var conversationKey = $"{message.Platform}:{message.ConversationId}";
            context = new ConversationContext(message, identity, person, text, _conversations.Load(person.Id, conversationKey), _time.GetUtcNow());

            // The console's one local user is the operator at the terminal or a script piping messages in,
            // so only platform users are rate-limited.
            if (message.Platform != Platforms.Console && !_rateLimiter.TryAcquire(person.Id, out var retryAfter))
            {
                LogRateLimited(_logger, message.Platform, message.PlatformUserId);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                return Completed(ReplyFactory.Error(text.Get("RateLimited", seconds), text), identity.Platform, started);
            }

            var personText = UserText.Clean(message.Text);
            var reply = await DispatchAsync(context, personText, cancellationToken).ConfigureAwait(false);
            Remember(context, personText, reply);
            Completed(reply, identity.Platform, started);
            LogHandled(_logger, message.Platform, message.PlatformUserId, message.MessageId, reply.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return reply;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // One failing message must not take the channel down; the person gets a polite error.
            LogHandlingFailed(_logger, exception, message.Platform, message.PlatformUserId, message.MessageId);
            var text = context?.Text ?? BotText.For(BotLanguage.FromLocale(message.Locale));
            return Completed(ReplyFactory.Error(text.Get("InternalError"), text), identity.Platform, started);
        }
    }

    /// <summary>Counts a reply as sent and records how long the message took.</summary>
    private Reply Completed(Reply reply, string platform, long started)
    {
        _metrics.MessageSent(platform);
        _metrics.ReplyCompleted(platform, Stopwatch.GetElapsedTime(started));
        return reply;
    }

    private async Task<Reply> DispatchAsync(ConversationContext context, string text, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (text.Length > _options.MaxMessageLength)
        {
            return ReplyFactory.Error(context.Text.Get("MessageTooLong", text.Length, _options.MaxMessageLength), context.Text);
        }

        if (message.ActionPayload is not null)
        {
            return HandleAction(context, message.ActionPayload);
        }

        var command = message.Command ?? (CommandText.TryParse(text, out var typed) ? typed : null);
        if (command is not null)
        {
            if (!_commands.TryGetValue(command.Name, out var handler))
            {
                return ReplyFactory.Error(context.Text.Get("UnknownCommand", UserText.Quote(command.Name, 32)), context.Text);
            }

            // A new command abandons any question still waiting for an answer.
            context.State = context.State with { Pending = null };
            return await handler.HandleAsync(context, command, cancellationToken).ConfigureAwait(false);
        }

        if (text.Length == 0)
        {
            return ReplyFactory.Error(context.Text.Get("EmptyMessage"), context.Text);
        }

        if (TryAnswerPending(context, text) is { } answer)
        {
            return answer;
        }

        if (TryListFollowUp(context, text) is { } followUp)
        {
            return followUp;
        }

        return await _chat.RespondAsync(context, text, cancellationToken).ConfigureAwait(false);
    }

    private Reply HandleAction(ConversationContext context, string payload)
    {
        var text = context.Text;
        if (!ActionPayload.TryParse(payload, out var action))
        {
            LogInvalidPayload(_logger, context.Message.Platform, context.Message.PlatformUserId);
            return ReplyFactory.Error(text.Get("ActionInvalid"), text);
        }

        switch (action.Kind)
        {
            case ActionKind.Rate:
            case ActionKind.Seen:
            case ActionKind.NotInterested:
                if (_catalog.Find(action.MovieId) is not { } movie)
                {
                    return ReplyFactory.Error(text.Get("ActionMovieUnknown"), text);
                }

                return action.Kind switch
                {
                    ActionKind.Rate when Stars.TryFromHalfStars(action.Value, out var stars) => _ratings.Save(context, movie, stars),
                    ActionKind.Seen => _ratings.Mark(context, movie, MovieMarkKind.Seen),
                    ActionKind.NotInterested => _ratings.Mark(context, movie, MovieMarkKind.NotInterested),
                    _ => ReplyFactory.Error(text.Get("ActionInvalid"), text),
                };

            case ActionKind.Choose:
                return AnswerChoice(context, action.Value) ?? ReplyFactory.Error(text.Get("PendingExpired"), text);

            default:
                return AnswerYesNo(context, action.Kind == ActionKind.Yes) ?? ReplyFactory.Error(text.Get("PendingExpired"), text);
        }
    }

    /// <summary>Treats "2" as a pick and "yes"/"no" as a confirmation when a question is waiting; returns null otherwise.</summary>
    private Reply? TryAnswerPending(ConversationContext context, string text)
    {
        if (context.State.Pending is not { } pending)
        {
            return null;
        }

        if (pending.ExpiresAt < context.Now)
        {
            context.State = context.State with { Pending = null };
            return null;
        }

        var trimmed = text.Trim().TrimEnd('.', '!', '。', '！');
        if (pending.Kind == PendingKind.ChooseMovie && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= pending.MovieIds.Count
                ? AnswerChoice(context, number - 1)
                : ReplyFactory.Error(context.Text.Get("ChoiceOutOfRange", pending.MovieIds.Count), context.Text);
        }

        // A "did you mean" question is a choice of one movie, answered yes or no.
        var isYesNoQuestion = pending.Kind is PendingKind.ConfirmForget or PendingKind.ConfirmRatings
            || (pending.Kind == PendingKind.ChooseMovie && pending.MovieIds.Count == 1);
        if (isYesNoQuestion && YesNoWords.TryParse(trimmed, out var yes))
        {
            return AnswerYesNo(context, yes);
        }

        return null;
    }

    private Reply? AnswerChoice(ConversationContext context, int index)
    {
        if (context.State.Pending is not { Kind: PendingKind.ChooseMovie } pending || pending.ExpiresAt < context.Now || index >= pending.MovieIds.Count)
        {
            return null;
        }

        context.State = context.State with { Pending = null };
        if (_catalog.Find(pending.MovieIds[index]) is not { } movie)
        {
            return ReplyFactory.Error(context.Text.Get("ActionMovieUnknown"), context.Text);
        }

        return pending.Command switch
        {
            "rate" => ((RateCommand)_commands["rate"]).Complete(context, movie, pending.HalfStars[index]),
            "unrate" => _ratings.Remove(context, movie),
            "similar" => ((SimilarCommand)_commands["similar"]).Complete(context, movie),
            _ => ReplyFactory.Error(context.Text.Get("PendingExpired"), context.Text),
        };
    }

    private Reply? AnswerYesNo(ConversationContext context, bool yes)
    {
        if (context.State.Pending is not { } pending || pending.ExpiresAt < context.Now)
        {
            return null;
        }

        if (pending.Kind == PendingKind.ChooseMovie && pending.MovieIds.Count == 1 && yes)
        {
            return AnswerChoice(context, 0);
        }

        context.State = context.State with { Pending = null };
        switch (pending.Kind)
        {
            case PendingKind.ChooseMovie when pending.MovieIds.Count == 1:
                return ReplyFactory.Message(context.Text.Get("TitleDidYouMeanDeclined"), context.Text);

            case PendingKind.ConfirmForget:
                return yes
                    ? ((ForgetCommand)_commands["forget"]).Confirm(context)
                    : ReplyFactory.Message(context.Text.Get("ForgetCancelled"), context.Text);

            case PendingKind.ConfirmRatings:
                if (!yes)
                {
                    return ReplyFactory.Message(context.Text.Get("RatingsOfferDeclined"), context.Text);
                }

                var saved = pending.MovieIds.Zip(pending.HalfStars)
                    .Select(p => (Movie: _catalog.Find(p.First), HalfStars: p.Second))
                    .Where(p => p.Movie is not null)
                    .Select(p => _ratings.Save(context, p.Movie!, Stars.FromHalfStars(p.HalfStars)).Text);
                return ReplyFactory.Message(string.Join('\n', saved), context.Text);

            default:
                return null;
        }
    }

    /// <summary>Handles "rate 2 4.5" after a list: rates the second movie of the last list.</summary>
    private Reply? TryListFollowUp(ConversationContext context, string text)
    {
        var match = ListFollowUp().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var listed = context.State.LastListedMovieIds;
        if (listed.Count == 0)
        {
            return ReplyFactory.Error(context.Text.Get("NoListYet"), context.Text);
        }

        if (!int.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > listed.Count)
        {
            return ReplyFactory.Error(context.Text.Get("ListNumberInvalid", match.Groups["number"].Value, listed.Count), context.Text);
        }

        var starsText = match.Groups["stars"].Value;
        var stars = StarParser.Parse(starsText);
        if (RatingActions.StarsError(stars, starsText, context.Text) is { } error)
        {
            return error;
        }

        return _catalog.Find(listed[number - 1]) is { } movie
            ? _ratings.Save(context, movie, stars.Stars)
            : ReplyFactory.Error(context.Text.Get("ActionMovieUnknown"), context.Text);
    }

    private void Remember(ConversationContext context, string personText, Reply reply)
    {
        if (context.PersonForgotten)
        {
            return;
        }

        var said = personText.Length > 0 ? personText : context.Message.ActionPayload ?? string.Empty;
        var turns = context.State.Turns.ToList();
        turns.Add(new ConversationTurn(TurnSpeaker.Person, Truncate(said), context.Now, []));
        turns.Add(new ConversationTurn(TurnSpeaker.Bot, Truncate(reply.Text), context.Now, [.. context.RecommendedMovieIds]));
        _conversations.Save(context.State with { PersonId = context.Person.Id, Turns = turns, UpdatedAt = context.Now });
    }

    private string Truncate(string text) => text.Length <= _options.MaxMessageLength ? text : text[.._options.MaxMessageLength];

    [GeneratedRegex(@"^\s*(?:rate|评分|打分)\s*#?(?<number>\d{1,3})\s+(?<stars>\S.*?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListFollowUp();

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Handled a {Platform} message from user {UserId} (message {MessageId}): {Kind} reply in {ElapsedMs:0.0} ms.")]
    private static partial void LogHandled(ILogger logger, string platform, string userId, string? messageId, ReplyKind kind, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Handling a {Platform} message from user {UserId} (message {MessageId}) failed.")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string platform, string userId, string? messageId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Rate-limited {Platform} user {UserId}.")]
    private static partial void LogRateLimited(ILogger logger, string platform, string userId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Rejected an invalid button payload from {Platform} user {UserId}.")]
    private static partial void LogInvalidPayload(ILogger logger, string platform, string userId);
}
