using ChatBot.Core.Language;
using ChatBot.Language.Prompts;

namespace ChatBot.Language.Templates;

/// <summary>
/// Friendly reply sentences in English and Simplified Chinese that name the candidate titles as
/// "Title (Year)". The template generator picks one variant per message; the synthesised training
/// corpus draws them at random, so the local model learns the same register.
/// </summary>
public static class ReplyTemplates
{
    private static readonly string[] EnglishOpeners = ["", "Sure! ", "Let me see. ", "Happy to help! ", "Coming right up. ", "Of course. "];
    private static readonly string[] ChineseOpeners = ["", "好的！", "没问题。", "很乐意帮忙！", "我来看看。"];
    private static readonly string[] EnglishClosers = ["", " Enjoy!", " Let me know what you think.", " Tell me if you want more like these.", " Happy watching!"];
    private static readonly string[] ChineseClosers = ["", "祝你观影愉快！", "看完告诉我你的感受。", "想要更多类似的可以告诉我。"];

    /// <summary>Writes a reply that recommends the first <see cref="ReplyGenerationRequest.RequestedCount"/> candidates.</summary>
    /// <param name="random">Chooses among the phrasings.</param>
    public static string Write(ReplyGenerationRequest request, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        var chinese = PromptText.IsChinese(request.Language);
        var picks = request.Candidates.Take(Math.Max(1, request.RequestedCount)).ToList();
        if (picks.Count == 0)
        {
            return NoCandidates(chinese, random);
        }

        var opener = Pick(chinese ? ChineseOpeners : EnglishOpeners, random);
        var closer = Pick(chinese ? ChineseClosers : EnglishClosers, random);
        var body = chinese ? ChineseBody(request, picks, random) : EnglishBody(request, picks, random);
        return (opener + body + closer).Trim();
    }

    /// <summary>Writes a reply for a message that is not a request for movies: a greeting or thanks.</summary>
    public static string SmallTalk(bool chinese, bool thanks, Random random) => (chinese, thanks) switch
    {
        (false, false) => Pick(["Hi! Tell me a genre, a mood or a movie you loved, and I'll suggest something.", "Hello! What are you in the mood for tonight?", "Hey there! Name a movie you liked and I'll find similar ones."], random),
        (false, true) => Pick(["You're welcome! Ask me any time.", "Glad I could help. Enjoy the movie!", "Any time! Rate what you watch and my suggestions get better."], random),
        (true, false) => Pick(["你好！告诉我你想看的类型、心情或喜欢的电影，我来推荐。", "你好！今晚想看什么样的电影？", "嗨！说一部你喜欢的电影，我帮你找类似的。"], random),
        (true, true) => Pick(["不客气！随时问我。", "很高兴能帮上忙，祝你观影愉快！", "不用谢！给看过的电影打分，推荐会更准。"], random),
    };

    private static string NoCandidates(bool chinese, Random random) => chinese
        ? Pick(["抱歉，我没有找到符合要求的电影。换个类型或年代试试？", "暂时没有合适的推荐。可以用 /rate 给几部电影打分，我会更了解你的口味。"], random)
        : Pick(["Sorry, I couldn't find movies that fit that request. Could you try another genre or decade?", "I have nothing that fits yet. Rate a few movies with /rate and I'll learn your taste."], random);

    private static string EnglishBody(ReplyGenerationRequest request, List<CandidateTitle> picks, Random random)
    {
        var first = picks[0].DisplayTitle;
        var rest = picks.Skip(1).Select(p => p.DisplayTitle).ToList();
        var all = JoinEnglish(picks.Select(p => p.DisplayTitle).ToList());
        var what = string.IsNullOrWhiteSpace(request.RequestSummary) ? "movies" : PromptText.SingleLine(request.RequestSummary);
        var liked = request.Liked.Count > 0 ? request.Liked[0].DisplayTitle : null;
        var reason = picks[0].Reason;
        var variants = new List<string>
        {
            picks.Count == 1 ? $"I'd recommend {first}." : $"Here are some {what} you might enjoy: {all}.",
            rest.Count == 0 ? $"You should try {first}." : $"I'd suggest {first}. You could also watch {JoinEnglish(rest)}.",
            rest.Count == 0 ? $"How about {first}?" : $"How about {first}? If that doesn't appeal, {JoinEnglish(rest)} {(rest.Count == 1 ? "is" : "are")} worth a look too.",
            $"My picks for you: {all}.",
        };
        if (liked is not null)
        {
            variants.Add($"Since you enjoyed {liked}, you might like {all}.");
        }

        if (!string.IsNullOrWhiteSpace(reason))
        {
            variants.Add(rest.Count == 0
                ? $"Try {first}, {reason.Trim()}."
                : $"Try {first}, {reason.Trim()}. I'd also suggest {JoinEnglish(rest)}.");
        }

        return Pick(variants, random);
    }

    private static string ChineseBody(ReplyGenerationRequest request, List<CandidateTitle> picks, Random random)
    {
        var first = Quote(picks[0].DisplayTitle);
        var rest = picks.Skip(1).Select(p => Quote(p.DisplayTitle)).ToList();
        var all = string.Join("、", picks.Select(p => Quote(p.DisplayTitle)));
        var what = string.IsNullOrWhiteSpace(request.RequestSummary) ? "电影" : PromptText.SingleLine(request.RequestSummary);
        var liked = request.Liked.Count > 0 ? Quote(request.Liked[0].DisplayTitle) : null;
        var reason = picks[0].Reason;
        var variants = new List<string>
        {
            $"给你推荐几部{what}：{all}。",
            rest.Count == 0 ? $"我建议你看看{first}。" : $"我建议你看看{first}，另外{string.Join("、", rest)}也很不错。",
            $"可以试试{all}。",
        };
        if (liked is not null)
        {
            variants.Add($"既然你喜欢{liked}，可能也会喜欢{all}。");
        }

        if (!string.IsNullOrWhiteSpace(reason))
        {
            variants.Add($"推荐{first}，{reason.Trim()}。" + (rest.Count > 0 ? $"也可以看看{string.Join("、", rest)}。" : string.Empty));
        }

        return Pick(variants, random);
    }

    /// <summary>
    /// Puts a title in Chinese quotation marks. Chinese text has no spaces, so without the marks a title
    /// written right after a Chinese word cannot be told apart from it when titles are extracted.
    /// </summary>
    public static string Quote(string title) => $"“{title}”";

    private static string JoinEnglish(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string Pick(IReadOnlyList<string> options, Random random) => options[random.Next(options.Count)];
}
