using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;

namespace ChatBot.Channels.Discord.Interactions;

/// <summary>
/// Sends interaction responses: the first one (message, deferral or autocomplete choices) within Discord's
/// 3-second deadline, then edits of the original response and follow-ups while the token lives (15 minutes).
/// </summary>
internal sealed class InteractionResponder(DiscordRestClient rest)
{
    /// <summary>Discord's deadline for the first response.</summary>
    public static readonly TimeSpan ResponseDeadline = TimeSpan.FromSeconds(3);

    /// <summary>Discord's maximum number of autocomplete choices.</summary>
    public const int MaxChoices = 25;

    /// <summary>Discord's maximum length of a choice name and of a string choice value.</summary>
    public const int MaxChoiceLength = 100;

    public Task RespondAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken) =>
        CallbackAsync(interaction, new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, message), cancellationToken);

    /// <summary>Shows "thinking…"; only the ephemeral flag can be chosen now, and it holds for the final message.</summary>
    public Task DeferAsync(Interaction interaction, bool ephemeral, CancellationToken cancellationToken) =>
        CallbackAsync(
            interaction,
            new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new DeferredData(MessageFlags.Ephemeral) : null),
            cancellationToken);

    public Task AutocompleteAsync(Interaction interaction, IReadOnlyList<CommandChoice> choices, CancellationToken cancellationToken) =>
        CallbackAsync(
            interaction,
            new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new AutocompleteData(choices.Take(MaxChoices).ToList())),
            cancellationToken);

    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message with { Flags = null }, cancellationToken);

    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken) =>
        rest.DeleteOriginalResponseAsync(interaction.ApplicationId, interaction.Token, cancellationToken);

    public Task FollowupAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken) =>
        rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken);

    /// <summary>
    /// Sends the first response. A retry of a callback whose response was lost gets 40060 (already
    /// acknowledged), which means the first attempt arrived, so it counts as success.
    /// </summary>
    private async Task CallbackAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        try
        {
            await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordRestException exception) when (exception.ErrorCode == DiscordErrorCodes.InteractionAlreadyAcknowledged)
        {
        }
    }
}
