using System.Diagnostics;
using ChatBot.Conversations.Localization;
using ChatBot.Core.Language;

namespace ChatBot.Conversations.Chat;

/// <summary>
/// Writes a short reply that names the recommender's candidates. It is the generator when no other
/// is registered, and the fallback when the configured generator fails.
/// </summary>
public sealed class BuiltInTemplateGenerator : IReplyGenerator
{
    public string Name => "built-in-templates";

    public Task<GeneratedReply> GenerateAsync(ReplyGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var text = BotText.For(request.Language);
        var titles = request.Candidates.Take(request.RequestedCount).Select(c => c.DisplayTitle).ToList();
        var reply = titles.Count == 0 ? text.Get("ChatNoCandidates") : text.Get("ChatPicks", JoinList(titles, text));
        return Task.FromResult(new GeneratedReply(reply, Name, Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>Joins "A, B and C" in the reply's language.</summary>
    public static string JoinList(IReadOnlyList<string> items, BotText text)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(text);
        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(text.Get("ListJoinComma"), items.Take(items.Count - 1)) + text.Get("ListJoinAnd") + items[^1],
        };
    }
}
