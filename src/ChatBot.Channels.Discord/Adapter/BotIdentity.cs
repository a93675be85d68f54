namespace ChatBot.Channels.Discord.Adapter;

/// <summary>The bot's own user id and application id, learned from READY (or configured).</summary>
internal sealed class BotIdentity
{
    private volatile string? _userId;
    private volatile string? _applicationId;

    /// <summary>Gets the bot user's id, used to detect mentions and skip its own messages; null before READY.</summary>
    public string? UserId => _userId;

    /// <summary>Gets the application id, used for commands and interaction webhooks; null before READY.</summary>
    public string? ApplicationId => _applicationId;

    public void Set(string userId, string? applicationId)
    {
        _userId = userId;
        if (!string.IsNullOrEmpty(applicationId))
        {
            _applicationId = applicationId;
        }
    }
}
