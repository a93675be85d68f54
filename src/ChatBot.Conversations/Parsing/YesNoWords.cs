namespace ChatBot.Conversations.Parsing;

/// <summary>Recognises yes and no answers in English and Chinese.</summary>
public static class YesNoWords
{
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase)
    {
        "yes", "y", "yeah", "yep", "sure", "ok", "okay", "confirm", "do it", "是", "是的", "好", "好的", "确定", "确认", "对",
    };

    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "n", "nope", "cancel", "stop", "don't", "dont", "否", "不", "不要", "取消", "算了",
    };

    public static bool TryParse(string text, out bool yes)
    {
        var trimmed = (text ?? string.Empty).Trim();
        yes = Yes.Contains(trimmed);
        return yes || No.Contains(trimmed);
    }
}
