using System.ComponentModel.DataAnnotations;

namespace ChatBot.Conversations.Ranking;

/// <summary>Settings of the conversation ranker and its training; bound from "ChatRanker".</summary>
public sealed class ChatRankerOptions
{
    public const string SectionName = "ChatRanker";

    /// <summary>Gets or sets the model file's name inside the data folder (Data:Directory); without the file the built-in weights serve. Default: "chat-ranker.json".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ChatRanker:ModelFileName must name a file, for example chat-ranker.json.")]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "ChatRanker:ModelFileName must be a file name without folders; the file lives in Data:Directory.")]
    public string ModelFileName { get; set; } = "chat-ranker.json";

    /// <summary>Gets or sets how often the ranker checks whether the model file changed, in seconds. Default: 30.</summary>
    [Range(1, 86_400, ErrorMessage = "ChatRanker:ReloadCheckSeconds must be 1 to 86400.")]
    public int ReloadCheckSeconds { get; set; } = 30;

    /// <summary>Gets or sets the share of training dialogues held out to report the fitted model's recall before the final fit on all of them. Default: 0.2.</summary>
    [Range(0.0, 0.9, ErrorMessage = "ChatRanker:HoldoutShare must be 0 to 0.9.")]
    public double HoldoutShare { get; set; } = 0.2;

    /// <summary>
    /// Gets or sets how many folds the dialogue statistics of training turns are cross-fitted over: a turn's
    /// prior and follower features come from the other folds' dialogues, as they would for an unseen dialogue. Default: 5.
    /// </summary>
    [Range(2, 50, ErrorMessage = "ChatRanker:Folds must be 2 to 50.")]
    public int Folds { get; set; } = 5;

    /// <summary>Gets or sets how many random catalog movies each training turn is contrasted with. Default: 400.</summary>
    [Range(10, 100_000, ErrorMessage = "ChatRanker:RandomNegatives must be 10 to 100000.")]
    public int RandomNegatives { get; set; } = 400;

    /// <summary>Gets or sets how many of the built-in weights' best-scored movies each training turn is contrasted with. Default: 200.</summary>
    [Range(0, 10_000, ErrorMessage = "ChatRanker:HardNegatives must be 0 to 10000.")]
    public int HardNegatives { get; set; } = 200;

    /// <summary>Gets or sets the full-batch optimisation steps (Adam) of the softmax regression. Default: 300.</summary>
    [Range(1, 100_000, ErrorMessage = "ChatRanker:Steps must be 1 to 100000.")]
    public int Steps { get; set; } = 300;

    /// <summary>Gets or sets Adam's learning rate. Default: 0.05.</summary>
    [Range(1e-5, 10.0, ErrorMessage = "ChatRanker:LearningRate must be 0.00001 to 10.")]
    public double LearningRate { get; set; } = 0.05;

    /// <summary>Gets or sets the L2 penalty on the weights, per training turn. Default: 0.01.</summary>
    [Range(0.0, 100.0, ErrorMessage = "ChatRanker:L2 must be 0 to 100.")]
    public double L2 { get; set; } = 0.01;

    /// <summary>
    /// Gets or sets features (<see cref="RankingFeature"/> names) whose weights training keeps at 0, to measure
    /// what a feature adds or to leave one out. Default: none.
    /// </summary>
    public List<string> DisabledFeatures { get; set; } = [];

    /// <summary>Gets or sets the random seed of the negative sampling and of the held-out split. Default: 42.</summary>
    public int Seed { get; set; } = 42;
}
