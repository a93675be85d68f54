namespace ChatBot.Language.Prompts;

/// <summary>How much of the context block a local model's transcript spells out.</summary>
public enum PromptFormat
{
    /// <summary>
    /// Titles, stars, reasons, disliked titles and the request summary are written out beside their slots.
    /// Suits larger models, such as a fine-tuned GPT-2, which can use the text.
    /// </summary>
    Full = 0,

    /// <summary>
    /// Only the slots are listed ("[L1]", "[1] [W1]", "[Q]"), because the default model writes slots and never the
    /// text behind them. The prompt is about 80 tokens shorter, which halves the work of reading it.
    /// </summary>
    Compact = 1,
}
