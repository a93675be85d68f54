using ChatBot.Core.Conversations;
using ChatBot.Core.Language;
using ChatBot.Language.Tokenization;

namespace ChatBot.Language.Prompts;

/// <summary>A formatted dialogue: token ids and, for training, which positions are targets.</summary>
/// <param name="PromptLength">How many leading tokens are the prompt (context, history, "Bot:").</param>
/// <param name="DroppedTurns">How many of the oldest history turns did not fit.</param>
public sealed record TranscriptTokens(int[] Tokens, int PromptLength, int DroppedTurns);

/// <summary>
/// Writes a reply request as the plain transcript the local GPT reads. A context block (language,
/// liked and disliked titles, request, numbered candidates; in the <see cref="PromptFormat.Compact"/> format
/// only their slots) comes first. Then follow "User:" and
/// "Bot:" turns, each closed by the end-of-turn token, and a final "Bot:" for the model to continue.
/// Training examples use the same layout with the reply and an end-of-turn token appended.
/// </summary>
/// <remarks>
/// Replies are delexicalised: in training replies, a candidate's title becomes its slot ("[2]"), its
/// reason "[W2]", a liked title "[L1]" and the request summary "[Q]", and <see cref="Relexicalize"/>
/// writes them back into generated text. The small model then picks and places slots instead of
/// copying long token sequences, and every title it names is one the prompt listed.
/// </remarks>
public sealed partial class TranscriptFormatter(GptTokenizer tokenizer, PromptFormat format = PromptFormat.Full)
{
    public const string UserMarker = "User:";
    public const string BotMarker = "Bot:";

    // The local model is small and trained on two CPU cores, so its prompt stays short: every prompt
    // token costs a forward and backward pass in training. Only the candidates to recommend are listed.

    /// <summary>The most liked titles a prompt lists.</summary>
    public const int MaxLiked = 2;

    /// <summary>The most disliked titles a prompt lists.</summary>
    public const int MaxDisliked = 1;

    /// <summary>The most candidates a prompt lists.</summary>
    public const int MaxCandidates = 5;

    /// <summary>The most tokens one history turn keeps; longer turns are cut at the end.</summary>
    public const int MaxHistoryTurnTokens = 96;

    /// <summary>
    /// The maximum number of tokens one history turn keeps in the <see cref="PromptFormat.Compact"/> format. The opening
    /// of an earlier turn tells a small model what kind of exchange it was, and the titles after it only add prefill work.
    /// </summary>
    public const int CompactHistoryTurnTokens = 16;

    private readonly GptTokenizer _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));

    public GptTokenizer Tokenizer => _tokenizer;

    /// <summary>Gets the layout of the context block.</summary>
    public PromptFormat PromptFormat { get; } = Enum.IsDefined(format) ? format : throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown prompt format.");

    /// <summary>Formats the prompt so that it and <paramref name="reservedTokens"/> new tokens fit in <paramref name="contextLength"/>.</summary>
    public TranscriptTokens FormatPrompt(ReplyGenerationRequest request, int contextLength, int reservedTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Format(request, response: null, contextLength - reservedTokens);
    }

    /// <summary>Formats a training example: the prompt, then the reply and an end-of-turn token, all within <paramref name="contextLength"/>.</summary>
    public TranscriptTokens FormatExample(ReplyGenerationRequest request, string response, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        return Format(request, response, contextLength);
    }

    private TranscriptTokens Format(ReplyGenerationRequest request, string? response, int budget)
    {
        List<int>? responseTokens = null;
        if (response is not null)
        {
            responseTokens = [.. _tokenizer.Encode(" " + PromptText.SingleLine(Delexicalize(response, request))), GptTokenizer.EndOfTextId];

            // A reply longer than half the context is cut so the prompt keeps room for its context.
            var maxResponse = Math.Max(8, budget / 2);
            if (responseTokens.Count > maxResponse)
            {
                responseTokens = [.. responseTokens.Take(maxResponse - 1), GptTokenizer.EndOfTextId];
            }

            budget -= responseTokens.Count;
        }

        var current = Turn(UserMarker, request.UserMessage, int.MaxValue);
        current.AddRange(_tokenizer.Encode(BotMarker));
        var maxCurrent = Math.Max(16, budget / 2);
        if (current.Count > maxCurrent)
        {
            current = Turn(UserMarker, request.UserMessage, maxCurrent - 8);
            current.AddRange(_tokenizer.Encode(BotMarker));
        }

        var header = FitHeader(request, budget - current.Count);
        var remaining = budget - current.Count - header.Count;

        // History is added newest first while it fits, so the oldest turns are the ones dropped.
        var history = new List<List<int>>();
        var dropped = 0;
        for (var i = request.History.Count - 1; i >= 0; i--)
        {
            var turn = request.History[i];
            var marker = turn.Speaker == TurnSpeaker.Bot ? BotMarker : UserMarker;
            var tokens = Turn(marker, turn.Text, PromptFormat == PromptFormat.Compact ? CompactHistoryTurnTokens : MaxHistoryTurnTokens);
            if (tokens.Count > remaining)
            {
                dropped = i + 1;
                break;
            }

            history.Add(tokens);
            remaining -= tokens.Count;
        }

        history.Reverse();
        var all = new List<int>(budget + (responseTokens?.Count ?? 0));
        all.AddRange(header);
        foreach (var turn in history)
        {
            all.AddRange(turn);
        }

        all.AddRange(current);
        var promptLength = all.Count;
        if (responseTokens is not null)
        {
            all.AddRange(responseTokens);
        }

        return new TranscriptTokens([.. all], promptLength, dropped);
    }

    /// <summary>Builds the context block, shortening its lists until it fits the token budget.</summary>
    private List<int> FitHeader(ReplyGenerationRequest request, int budget)
    {
        var liked = Math.Min(MaxLiked, request.Liked.Count);
        var disliked = Math.Min(MaxDisliked, request.Disliked.Count);
        var candidates = Math.Min(Math.Min(MaxCandidates, request.Candidates.Count), Math.Max(1, request.RequestedCount));
        var minCandidates = candidates;
        while (true)
        {
            var header = Header(request, liked, disliked, candidates);
            if (header.Count <= budget)
            {
                return header;
            }

            if (disliked > 0)
            {
                disliked--;
            }
            else if (liked > 1)
            {
                liked--;
            }
            else if (candidates > minCandidates)
            {
                candidates--;
            }
            else if (liked > 0)
            {
                liked--;
            }
            else if (candidates > 0)
            {
                candidates--;
            }
            else
            {
                // Nothing is left to shorten; keep only the document start.
                return [GptTokenizer.EndOfTextId];
            }
        }
    }

    private List<int> Header(ReplyGenerationRequest request, int liked, int disliked, int candidates)
    {
        var lines = PromptFormat == PromptFormat.Compact
            ? CompactHeaderLines(request, liked, candidates)
            : FullHeaderLines(request, liked, disliked, candidates);
        var tokens = new List<int> { GptTokenizer.EndOfTextId };
        tokens.AddRange(_tokenizer.Encode(string.Join('\n', lines) + "\n"));
        return tokens;
    }

    /// <summary>Lists only the slots: the model writes them, and the generator puts the text back.</summary>
    private static List<string> CompactHeaderLines(ReplyGenerationRequest request, int liked, int candidates)
    {
        var lines = new List<string> { "Language: " + (PromptText.IsChinese(request.Language) ? "zh" : "en") };
        if (liked > 0)
        {
            lines.Add("Liked: " + string.Join(' ', Enumerable.Range(1, liked).Select(i => $"[L{i}]")));
        }

        if (!string.IsNullOrWhiteSpace(request.RequestSummary))
        {
            lines.Add("Request: [Q]");
        }

        if (candidates > 0)
        {
            lines.Add("Candidates: " + string.Join(' ', request.Candidates.Take(candidates).Select((c, i) =>
                string.IsNullOrWhiteSpace(c.Reason) ? $"[{i + 1}]" : $"[{i + 1}] [W{i + 1}]")));
        }

        return lines;
    }

    private static List<string> FullHeaderLines(ReplyGenerationRequest request, int liked, int disliked, int candidates)
    {
        var lines = new List<string> { "Language: " + (PromptText.IsChinese(request.Language) ? "zh" : "en") };
        if (liked > 0)
        {
            lines.Add("Liked: " + string.Join("; ", request.Liked.Take(liked).Select((t, i) => $"[L{i + 1}] {t.DisplayTitle} {PromptText.Stars(t.Stars)}")));
        }

        if (disliked > 0)
        {
            lines.Add("Disliked: " + PromptText.RatedList(request.Disliked.Take(disliked)));
        }

        if (!string.IsNullOrWhiteSpace(request.RequestSummary))
        {
            lines.Add("Request: [Q] " + PromptText.SingleLine(request.RequestSummary));
        }

        if (candidates > 0)
        {
            lines.Add("Candidates:");
            lines.AddRange(request.Candidates.Take(candidates).Select((c, i) => $"[{i + 1}] " + PromptText.SingleLine(CandidateLine(c, i + 1))));
        }

        return lines;
    }

    /// <summary>
    /// Replaces the slots a generated reply contains with the text they stand for, quoting titles in
    /// Chinese replies. Slots the prompt did not list are removed.
    /// </summary>
    public static string Relexicalize(string text, ReplyGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(request);
        var candidates = Math.Min(Math.Min(MaxCandidates, request.Candidates.Count), Math.Max(1, request.RequestedCount));
        var liked = Math.Min(MaxLiked, request.Liked.Count);
        var chinese = PromptText.IsChinese(request.Language);
        string Title(string title) => chinese ? Templates.ReplyTemplates.Quote(title) : title;

        // An unlisted slot becomes a marker first, so the list separator before it can go with it.
        const string removed = "\u0001";
        var result = Slot().Replace(text, match =>
        {
            if (match.Value == "[Q]")
            {
                return request.RequestSummary is { } summary ? PromptText.SingleLine(summary) : string.Empty;
            }

            var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
            return match.Groups[1].Value switch
            {
                "L" => index < liked ? Title(request.Liked[index].DisplayTitle) : removed,
                "W" => index < candidates ? PromptText.SingleLine(request.Candidates[index].Reason ?? string.Empty) : removed,
                _ => index < candidates ? Title(request.Candidates[index].DisplayTitle) : removed,
            };
        });
        result = RemovedSlot().Replace(result, string.Empty);
        // An empty slot (a candidate without a reason) can leave a comma right before the sentence end.
        result = DanglingComma().Replace(result, string.Empty);
        return string.Join(' ', result.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Replaces the listed candidate titles and reasons, liked titles and the request summary in a reply with their slots, longest text first.</summary>
    public static string Delexicalize(string text, ReplyGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(request);
        var candidates = Math.Min(Math.Min(MaxCandidates, request.Candidates.Count), Math.Max(1, request.RequestedCount));
        var slots = request.Candidates.Take(candidates).Select((c, i) => (Title: c.DisplayTitle, Slot: $"[{i + 1}]"))
            .Concat(request.Candidates.Take(candidates).Select((c, i) => (Title: c.Reason?.Trim() ?? string.Empty, Slot: $"[W{i + 1}]")))
            .Concat(request.Liked.Take(MaxLiked).Select((t, i) => (Title: t.DisplayTitle, Slot: $"[L{i + 1}]")))
            .Append((Title: request.RequestSummary?.Trim() ?? string.Empty, Slot: "[Q]"))
            .Where(s => s.Title.Length > 0)
            .OrderByDescending(s => s.Title.Length);
        foreach (var (title, slot) in slots)
        {
            // Chinese replies quote titles; the quotes belong to the title, and relexicalising adds them back.
            text = text.Replace(Templates.ReplyTemplates.Quote(title), slot, StringComparison.Ordinal);
            text = text.Replace(title, slot, StringComparison.Ordinal);
        }

        return text;
    }

    private static string CandidateLine(CandidateTitle candidate, int slot) =>
        string.IsNullOrWhiteSpace(candidate.Reason) ? candidate.DisplayTitle : $"{candidate.DisplayTitle} | [W{slot}] {candidate.Reason.Trim()}";

    private List<int> Turn(string marker, string text, int maxTextTokens)
    {
        var tokens = new List<int>(_tokenizer.Encode(marker));
        var textTokens = _tokenizer.Encode(" " + PromptText.SingleLine(text));
        tokens.AddRange(textTokens.Count > maxTextTokens ? textTokens.Take(maxTextTokens) : textTokens);
        tokens.Add(GptTokenizer.EndOfTextId);
        return tokens;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[Q\]|\[([LW])?(\d{1,2})\]")]
    private static partial System.Text.RegularExpressions.Regex Slot();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*(?:,|，|、|\band\b|\bor\b|和|或)?\s*\u0001|\u0001\s*(?:,|，|、)?")]
    private static partial System.Text.RegularExpressions.Regex RemovedSlot();

    [System.Text.RegularExpressions.GeneratedRegex(@"[,，]\s*(?=[.。!！?？])")]
    private static partial System.Text.RegularExpressions.Regex DanglingComma();
}
