using System.ComponentModel.DataAnnotations;

namespace ChatBot.Conversations;

/// <summary>Settings of the conversation service; bound from "Conversation".</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>Gets or sets the longest message handled, in characters; longer ones get an error reply. Default: 2000.</summary>
    [Range(50, 100_000, ErrorMessage = "Conversation:MaxMessageLength must be between 50 and 100000 characters.")]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Gets or sets how many movies /recommend and /similar list. Default: 10.</summary>
    [Range(1, 25, ErrorMessage = "Conversation:RecommendationCount must be between 1 and 25.")]
    public int RecommendationCount { get; set; } = 10;

    /// <summary>Gets or sets how many ratings one /ratings page shows. Default: 10.</summary>
    [Range(1, 50, ErrorMessage = "Conversation:RatingsPageSize must be between 1 and 50.")]
    public int RatingsPageSize { get; set; } = 10;

    /// <summary>Gets or sets how long a question ("which Dune?") waits for its answer, in minutes. Default: 30.</summary>
    [Range(1, 1440, ErrorMessage = "Conversation:PendingQuestionMinutes must be between 1 and 1440.")]
    public int PendingQuestionMinutes { get; set; } = 30;

    /// <summary>Gets or sets how long a /link code stays valid, in minutes. Default: 10.</summary>
    [Range(1, 1440, ErrorMessage = "Conversation:LinkCodeMinutes must be between 1 and 1440.")]
    public int LinkCodeMinutes { get; set; } = 10;

    /// <summary>Gets or sets how many messages one person may send per <see cref="RateLimitWindowSeconds"/>; 0 turns the limit off. Default: 30.</summary>
    [Range(0, 100_000, ErrorMessage = "Conversation:RateLimitMessages must be between 0 (no limit) and 100000.")]
    public int RateLimitMessages { get; set; } = 30;

    /// <summary>Gets or sets the window of the per-person message limit, in seconds. Default: 60.</summary>
    [Range(1, 86_400, ErrorMessage = "Conversation:RateLimitWindowSeconds must be between 1 and 86400.")]
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>Gets or sets how many closest titles a "not found" reply offers. Default: 5.</summary>
    [Range(0, 10, ErrorMessage = "Conversation:ClosestTitleCount must be between 0 and 10.")]
    public int ClosestTitleCount { get; set; } = 5;
}
