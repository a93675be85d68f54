using System.Globalization;
using ChatBot.Core.Language;

namespace ChatBot.Language.Prompts;

/// <summary>Text pieces shared by the prompt formats.</summary>
internal static class PromptText
{
    /// <summary>Formats stars as "★4.5".</summary>
    public static string Stars(double stars) => "★" + stars.ToString("0.#", CultureInfo.InvariantCulture);

    public static string RatedList(IEnumerable<RatedTitle> titles) =>
        string.Join("; ", titles.Select(t => $"{t.DisplayTitle} {Stars(t.Stars)}"));

    public static string CandidateLine(CandidateTitle candidate)
    {
        var line = candidate.DisplayTitle;
        if (candidate.Genres.Count > 0)
        {
            line += " | " + string.Join(", ", candidate.Genres);
        }

        if (!string.IsNullOrWhiteSpace(candidate.Reason))
        {
            line += " | " + candidate.Reason.Trim();
        }

        return line;
    }

    public static bool IsChinese(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collapses line breaks and runs of spaces so a message stays on one transcript line.</summary>
    public static string SingleLine(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
