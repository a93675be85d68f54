namespace ChatBot.Core.People;

/// <summary>Platform names used in identities, metrics and logs.</summary>
public static class Platforms
{
    public const string Console = "console";
    public const string Telegram = "telegram";
    public const string Discord = "discord";
}
