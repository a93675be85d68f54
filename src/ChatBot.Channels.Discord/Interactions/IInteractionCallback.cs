using ChatBot.Channels.Discord.Models;
using ChatBot.Channels.Discord.Rest;

namespace ChatBot.Channels.Discord.Interactions;

/// <summary>
/// The route of an interaction's first response: the REST callback endpoint for interactions from the gateway,
/// or the HTTP response to Discord's POST for interactions from the interactions endpoint.
/// </summary>
internal interface IInteractionCallback
{
    /// <summary>Sends the first response and completes once Discord can accept edits and follow-ups.</summary>
    Task SendAsync(InteractionResponse response, CancellationToken cancellationToken);
}

/// <summary>Sends the first response with POST /interactions/{id}/{token}/callback.</summary>
internal sealed class RestInteractionCallback(DiscordRestClient rest, Interaction interaction) : IInteractionCallback
{
    /// <summary>
    /// Sends the first response. A retry of a callback whose response was lost gets 40060 (already
    /// acknowledged), which means the first attempt arrived, so it counts as success.
    /// </summary>
    public async Task SendAsync(InteractionResponse response, CancellationToken cancellationToken)
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
