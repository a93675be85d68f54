using System.ComponentModel.DataAnnotations;

namespace ChatBot.Recommendations.Ranking;

/// <summary>Settings of the ranking model (EASE, an item-to-item linear model), bound from "Recommender:RankingModel".</summary>
public sealed class RankingModelOptions
{
    /// <summary>Gets or sets the L2 penalty λ added to the diagonal of the item-item Gram matrix (sums of products of preference weights). Default: 100.</summary>
    [Range(0.001, 1_000_000.0, ErrorMessage = "Recommender:RankingModel:L2 must be 0.001 to 1000000.")]
    public double L2 { get; set; } = 100;

    /// <summary>
    /// Gets or sets the exponent p of the preference weight (stars / 5)^p that each rating enters the model with,
    /// in training and when a person is scored. 0 treats every rating alike (binary "rated"), and larger values
    /// let high ratings count more than low ones. Default: 2.
    /// </summary>
    [Range(0.0, 8.0, ErrorMessage = "Recommender:RankingModel:RatingWeightExponent must be 0 to 8.")]
    public double RatingWeightExponent { get; set; } = 2;

    /// <summary>Gets or sets the fewest ratings a movie needs to be in the ranking model; rarer movies are never ranked by it. Default: 3.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Recommender:RankingModel:MinItemRatings must be 1 to 1000000.")]
    public int MinItemRatings { get; set; } = 3;

    /// <summary>
    /// Gets or sets the most movies the ranking model keeps (the most-rated ones). The model is a dense square
    /// matrix of 4 bytes per pair. Training inverts it in double precision, about 16 bytes per pair at peak, so
    /// memory grows with the square and training time with the cube of this number.
    /// Default: 8000 (256 MB model, about 1 GB while training).
    /// </summary>
    [Range(2, 40_000, ErrorMessage = "Recommender:RankingModel:MaxItems must be 2 to 40000.")]
    public int MaxItems { get; set; } = 8_000;

    /// <summary>
    /// Gets or sets the exponent β of the popularity penalty: a positive score is divided by the movie's rating
    /// count to the power β before the list is cut, which keeps lists from being all blockbusters. 0 turns it off. Default: 0.2.
    /// </summary>
    [Range(0.0, 2.0, ErrorMessage = "Recommender:RankingModel:PopularityPenalty must be 0 to 2.")]
    public double PopularityPenalty { get; set; } = 0.2;
}
