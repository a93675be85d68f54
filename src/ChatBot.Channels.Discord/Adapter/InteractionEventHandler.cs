using ChatBot.Channels.Discord.Interactions;
using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;
using ChatBot.Core.Messaging;
using ChatBot.Core.People;
using ChatBot.Core.Titles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Channels.Discord.Adapter;

/// <summary>
/// Turns slash commands, button presses and autocomplete requests into conversation-service calls and responds
/// to each within Discord's 3-second deadline: directly when the reply is quick, otherwise deferred and then edited.
/// </summary>
internal sealed partial class InteractionEventHandler
{
    private readonly DiscordRestClient _rest;
    private readonly IConversationHandler _conversations;
    private readonly ITitleIndex? _titles;
    private readonly ReplyRenderer _renderer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<InteractionEventHandler> _logger;
    private readonly TimeSpan _deferAfter;

    public InteractionEventHandler(
        DiscordRestClient rest,
        IConversationHandler conversations,
        ReplyRenderer renderer,
        IOptions<DiscordOptions> options,
        TimeProvider timeProvider,
        ILogger<InteractionEventHandler> logger,
        ITitleIndex? titles = null)
    {
        _rest = rest;
        _conversations = conversations;
        _renderer = renderer;
        _timeProvider = timeProvider;
        _logger = logger;
        _titles = titles;
        _deferAfter = TimeSpan.FromMilliseconds(options.Value.InteractionDeferAfterMilliseconds);
    }

    /// <summary>Responds to one interaction from the gateway, first through the REST callback endpoint.</summary>
    public Task HandleAsync(Interaction interaction, CancellationToken cancellationToken) =>
        HandleAsync(interaction, new RestInteractionCallback(_rest, interaction), cancellationToken);

    /// <summary>
    /// Responds to one interaction: the first response goes through <paramref name="callback"/>, edits and
    /// follow-ups through the REST webhook endpoints. Every error is caught and logged with the interaction id.
    /// </summary>
    public async Task HandleAsync(Interaction interaction, IInteractionCallback callback, CancellationToken cancellationToken)
    {
        var responder = new InteractionResponder(_rest, interaction, callback);
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommandAutocomplete:
                    await AnswerAutocompleteAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.ApplicationCommand:
                    await AnswerCommandAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                case InteractionType.MessageComponent:
                    await AnswerComponentAsync(interaction, responder, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    LogIgnored(_logger, interaction.Id, (int)interaction.Type);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogFailed(_logger, interaction.Id, interaction.Data?.Name ?? interaction.Type.ToString(), exception);
        }
    }

    private async Task AnswerAutocompleteAsync(Interaction interaction, InteractionResponder responder, CancellationToken cancellationToken)
    {
        var focused = InteractionOptions.FindFocused(interaction.Data?.Options);
        var choices = new List<CommandChoice>();
        if (focused?.Name == SlashCommands.TitleOption && _titles is not null)
        {
            var partial = InteractionOptions.ValueText(focused.Value).Trim();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in _titles.Suggest(partial, InteractionResponder.MaxChoices))
            {
                var value = DiscordMarkdown.Truncate(candidate.Movie.DisplayTitle, InteractionResponder.MaxChoiceLength);
                if (seen.Add(value) && choices.Count < InteractionResponder.MaxChoices)
                {
                    choices.Add(new CommandChoice { Name = value, Value = value });
                }
            }
        }

        await responder.AutocompleteAsync(choices, cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerCommandAsync(Interaction interaction, InteractionResponder responder, CancellationToken cancellationToken)
    {
        var user = interaction.Invoker;
        var name = interaction.Data?.Name?.ToLowerInvariant();
        if (user is null || string.IsNullOrEmpty(name))
        {
            LogIgnored(_logger, interaction.Id, (int)interaction.Type);
            return;
        }

        var options = InteractionOptions.Flatten(interaction.Data?.Options);
        var arguments = string.Join(' ', options.Select(option => option.Value));
        var message = NewMessage(interaction, user) with
        {
            Text = arguments.Length > 0 ? $"/{name} {arguments}" : $"/{name}",
            Command = new CommandInvocation(
                name,
                arguments,
                options.GroupBy(option => option.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal)),
        };
        await ReplyAsync(interaction, responder, message, SlashCommands.PrivateCommands.Contains(name), cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerComponentAsync(Interaction interaction, InteractionResponder responder, CancellationToken cancellationToken)
    {
        var user = interaction.Invoker;
        if (user is null || !CustomIds.TryDecode(interaction.Data?.CustomId, out var payload))
        {
            LogRejectedCustomId(_logger, interaction.Id, interaction.Data?.CustomId?.Length ?? 0);
            var language = AdapterTexts.LanguageOf(interaction.Locale ?? interaction.GuildLocale);
            var notice = new MessagePayload { Content = AdapterTexts.ButtonNotValid(language), Flags = MessageFlags.Ephemeral };
            await responder.RespondAsync(notice, cancellationToken).ConfigureAwait(false);
            return;
        }

        var message = NewMessage(interaction, user) with { ActionPayload = payload };
        await ReplyAsync(interaction, responder, message, expectPrivate: false, cancellationToken).ConfigureAwait(false);
    }

    private IncomingMessage NewMessage(Interaction interaction, DiscordUser user) => new()
    {
        Platform = Platforms.Discord,
        PlatformUserId = user.Id,
        ConversationId = interaction.SourceChannelId ?? user.Id,
        Locale = interaction.Locale ?? interaction.GuildLocale,
        MessageId = interaction.Id,
    };

    /// <summary>
    /// Runs the conversation service and responds: directly when it finishes within the defer threshold,
    /// otherwise with a deferral first and an edit of the original response later.
    /// </summary>
    private async Task ReplyAsync(Interaction interaction, InteractionResponder responder, IncomingMessage message, bool expectPrivate, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var replyTask = HandleSafelyAsync(message, cancellationToken);
        using (var threshold = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var delay = Task.Delay(_deferAfter, _timeProvider, threshold.Token);
            if (await Task.WhenAny(replyTask, delay).ConfigureAwait(false) == replyTask)
            {
                await threshold.CancelAsync().ConfigureAwait(false);
                var quickReply = await replyTask.ConfigureAwait(false);
                await SendFirstResponseAsync(responder, quickReply, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await responder.DeferAsync(expectPrivate, cancellationToken).ConfigureAwait(false);
        LogDeferred(_logger, interaction.Id, message.Command?.Name ?? "button", (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        var reply = await replyTask.ConfigureAwait(false);
        var payloads = _renderer.Render(reply);
        if (reply.IsPrivate && !expectPrivate)
        {
            // The deferral was public; a private reply replaces it with ephemeral follow-ups.
            await responder.DeleteOriginalAsync(cancellationToken).ConfigureAwait(false);
            foreach (var payload in payloads)
            {
                await responder.FollowupAsync(payload with { Flags = MessageFlags.Ephemeral }, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await responder.EditOriginalAsync(payloads[0], cancellationToken).ConfigureAwait(false);
        foreach (var payload in payloads.Skip(1))
        {
            await responder.FollowupAsync(payload with { Flags = expectPrivate ? MessageFlags.Ephemeral : null }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendFirstResponseAsync(InteractionResponder responder, Reply reply, CancellationToken cancellationToken)
    {
        var flags = reply.IsPrivate ? MessageFlags.Ephemeral : (int?)null;
        var payloads = _renderer.Render(reply);
        await responder.RespondAsync(payloads[0] with { Flags = flags }, cancellationToken).ConfigureAwait(false);
        foreach (var payload in payloads.Skip(1))
        {
            await responder.FollowupAsync(payload with { Flags = flags }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Reply> HandleSafelyAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await _conversations.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(_logger, message.MessageId ?? "none", exception);
            var language = AdapterTexts.LanguageOf(message.Locale);
            return new Reply { Text = AdapterTexts.SomethingWentWrong(language), Language = language, IsPrivate = true, Kind = ReplyKind.Error };
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} of type {Type} ignored.")]
    private static partial void LogIgnored(ILogger logger, string interactionId, int type);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Responding to Discord interaction {InteractionId} ({Name}) failed.")]
    private static partial void LogFailed(ILogger logger, string interactionId, string name, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Discord interaction {InteractionId} ({Name}) deferred after {ElapsedMilliseconds} ms; the reply will edit the response.")]
    private static partial void LogDeferred(ILogger logger, string interactionId, string name, long elapsedMilliseconds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Discord interaction {InteractionId}: rejected a button custom id of {Length} characters that this bot did not build.")]
    private static partial void LogRejectedCustomId(ILogger logger, string interactionId, int length);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "The conversation service failed on Discord interaction {InteractionId}; an apology was sent instead.")]
    private static partial void LogHandlerFailed(ILogger logger, string interactionId, Exception exception);
}
