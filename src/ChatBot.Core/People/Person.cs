namespace ChatBot.Core.People;

/// <summary>A person the bot knows, reachable through one or more platform identities.</summary>
/// <param name="Id">The store's id for the person.</param>
/// <param name="CreatedAt">When the person first wrote to the bot.</param>
/// <param name="Language">The language the person chose with /language ("en", "zh"), or null to follow the platform locale.</param>
public sealed record Person(long Id, DateTimeOffset CreatedAt, string? Language);
