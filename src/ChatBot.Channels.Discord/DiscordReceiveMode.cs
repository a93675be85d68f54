namespace ChatBot.Channels.Discord;

/// <summary>How the Discord channel receives events, set by Discord:Receive.</summary>
public enum DiscordReceiveMode
{
    /// <summary>The gateway WebSocket delivers messages and interactions.</summary>
    Gateway = 0,

    /// <summary>
    /// Discord POSTs interactions to the interactions endpoint and no gateway runs, so the bot responds to slash
    /// commands, autocomplete and buttons but does not see messages in channels or direct messages.
    /// </summary>
    Interactions = 1,

    /// <summary>
    /// The gateway delivers messages and the interactions endpoint receives interactions. Discord delivers
    /// interactions one way only, to the endpoint when an Interactions Endpoint URL is set in the developer portal.
    /// </summary>
    Both = 2,
}
