using System.Text;
using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Language.Tokenization;
using Microsoft.Extensions.AI;

namespace ChatBot.Language.Prompts;

/// <summary>
/// Writes a reply request as chat messages for an instruction-following endpoint: a system message
/// with the instructions and the context (ratings, request, candidates), the remembered turns as
/// user and assistant messages, and the person's message last. The oldest turns are dropped first
/// when the estimated token count exceeds the budget.
/// </summary>
public sealed class ChatPromptFormatter(GptTokenizer tokenizer)
{
    /// <summary>Formats the messages within <paramref name="maxPromptTokens"/> (estimated with GPT-2's tokenizer).</summary>
    public IReadOnlyList<ChatMessage> Format(ReplyGenerationRequest request, int maxPromptTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = SystemMessage(request);
        var user = PromptText.SingleLine(request.UserMessage);
        var remaining = maxPromptTokens - tokenizer.CountTokens(system) - tokenizer.CountTokens(user);

        var history = new List<ChatMessage>();
        for (var i = request.History.Count - 1; i >= 0; i--)
        {
            var turn = request.History[i];
            var cost = tokenizer.CountTokens(turn.Text) + 4;
            if (cost > remaining)
            {
                break;
            }

            remaining -= cost;
            history.Add(new ChatMessage(turn.Speaker == TurnSpeaker.Bot ? ChatRole.Assistant : ChatRole.User, turn.Text));
        }

        history.Reverse();
        return [new ChatMessage(ChatRole.System, system), .. history, new ChatMessage(ChatRole.User, user)];
    }

    private static string SystemMessage(ReplyGenerationRequest request)
    {
        var chinese = PromptText.IsChinese(request.Language);
        var builder = new StringBuilder();
        var count = Math.Min(request.RequestedCount, request.Candidates.Count);
        if (chinese)
        {
            builder.AppendLine("你是一个友好的电影推荐助手。请用简体中文回复，简短自然。");
            builder.AppendLine(count > 0
                ? $"从下面的候选电影中推荐 {count} 部，按顺序优先；片名必须写成“片名 (年份)”，与列表中的写法完全一致，不要翻译片名。"
                : "没有候选电影时，不要推荐任何具体的电影，可以请对方说说喜欢的类型或电影。");
            builder.AppendLine("不要编造关于电影的事实（演员、导演、剧情）；不知道就直说。");
        }
        else
        {
            builder.AppendLine("You are a friendly movie recommendation assistant. Reply in English, briefly and naturally.");
            builder.AppendLine(count > 0
                ? $"Recommend {count} movies from the candidate list below, preferring earlier ones. Write every title exactly as listed, as \"Title (Year)\"."
                : "There are no candidates, so recommend no specific movie; ask what genres or movies the person likes instead.");
            builder.AppendLine("Do not invent facts about movies (cast, directors, plots); if you do not know, say so.");
        }

        if (request.Liked.Count > 0)
        {
            builder.AppendLine((chinese ? "用户喜欢：" : "The person liked: ") + PromptText.RatedList(request.Liked));
        }

        if (request.Disliked.Count > 0)
        {
            builder.AppendLine((chinese ? "用户不喜欢：" : "The person disliked: ") + PromptText.RatedList(request.Disliked));
        }

        if (!string.IsNullOrWhiteSpace(request.RequestSummary))
        {
            builder.AppendLine((chinese ? "请求：" : "Request: ") + PromptText.SingleLine(request.RequestSummary));
        }

        if (request.Candidates.Count > 0)
        {
            builder.AppendLine(chinese ? "候选电影：" : "Candidates:");
            foreach (var candidate in request.Candidates)
            {
                builder.AppendLine("- " + PromptText.SingleLine(PromptText.CandidateLine(candidate)));
            }
        }

        return builder.ToString().TrimEnd();
    }
}
