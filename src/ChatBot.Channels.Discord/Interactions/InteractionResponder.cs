using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;

namespace ChatBot.Channels.Discord.Interactions;

/// <summary>
/// Sends the responses to one interaction: the first one (message, deferral or autocomplete choices) within
/// Discord's 3-second deadline through its <see cref="IInteractionCallback"/>, then edits of the original
/// response and follow-ups through the REST webhook endpoints while the token lives (15 minutes).
/// </summary>
internal sealed class InteractionResponder(DiscordRestClient rest, Interaction interaction, IInteractionCallback callback)
{
    /// <summary>Discord's deadline for the first response.</summary>
    public static readonly TimeSpan ResponseDeadline = TimeSpan.FromSeconds(3);

    /// <summary>Discord's maximum number of autocomplete choices.</summary>
    public const int MaxChoices = 25;

    /// <summary>Discord's maximum length of a choice name and of a string choice value.</summary>
    public const int MaxChoiceLength = 100;

    public Task RespondAsync(MessagePayload message, CancellationToken cancellationToken) =>
        callback.SendAsync(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, message), cancellationToken);

    /// <summary>Shows "thinking…"; only the ephemeral flag can be chosen now, and it holds for the final message.</summary>
    public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) =>
        callback.SendAsync(
            new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new DeferredData(MessageFlags.Ephemeral) : null),
            cancellationToken);

    public Task AutocompleteAsync(IReadOnlyList<CommandChoice> choices, CancellationToken cancellationToken) =>
        callback.SendAsync(
            new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new AutocompleteData(choices.Take(MaxChoices).ToList())),
            cancellationToken);

    public Task EditOriginalAsync(MessagePayload message, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message with { Flags = null }, cancellationToken);

    public Task DeleteOriginalAsync(CancellationToken cancellationToken) =>
        rest.DeleteOriginalResponseAsync(interaction.ApplicationId, interaction.Token, cancellationToken);

    public Task FollowupAsync(MessagePayload message, CancellationToken cancellationToken) =>
        rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken);
}
