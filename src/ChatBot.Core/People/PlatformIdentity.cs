namespace ChatBot.Core.People;

/// <summary>
/// A user account on one platform. The user id is kept exactly as the platform sends it
/// (Discord snowflakes exceed 2^53, so they are never parsed as numbers), and the same id
/// on two platforms is two different identities.
/// </summary>
public sealed record PlatformIdentity
{
    public PlatformIdentity(string platform, string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        Platform = platform.ToLowerInvariant();
        UserId = userId;
    }

    /// <summary>Gets the lower-case platform name: "console", "telegram" or "discord".</summary>
    public string Platform { get; }

    public string UserId { get; }

    public override string ToString() => $"{Platform}:{UserId}";
}
