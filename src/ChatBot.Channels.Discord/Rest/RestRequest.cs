namespace ChatBot.Channels.Discord.Rest;

/// <summary>One REST call: the route template names its rate-limit route, the major parameter splits buckets.</summary>
/// <param name="RouteTemplate">The path with placeholders ("/channels/{channel_id}/messages").</param>
/// <param name="Path">The concrete path below the API base address.</param>
/// <param name="MajorParameter">The top-level resource the limit is counted for: a channel, guild or webhook id (plus token).</param>
/// <param name="Body">An object serialised as JSON, or null.</param>
/// <param name="IsInteraction">True for interaction and interaction-webhook endpoints, which the global limit exempts.</param>
internal sealed record RestRequest(
    HttpMethod Method,
    string RouteTemplate,
    string Path,
    string MajorParameter,
    object? Body = null,
    bool IsInteraction = false)
{
    /// <summary>Gets the key of the route before Discord names its bucket.</summary>
    public string RouteKey => $"{Method.Method} {RouteTemplate}";

    /// <summary>Gets the path for logs: interaction and webhook tokens are replaced.</summary>
    public string SafePath => IsInteraction ? RouteTemplate : Path;
}
