using System.ComponentModel.DataAnnotations;

namespace ChatBot.Recommendations.Popularity;

/// <summary>Settings of the popularity recommender, bound from "Recommender:Popularity".</summary>
public sealed class PopularityOptions
{
    /// <summary>Gets or sets how many ratings at the global mean each movie's mean is damped with. Default: 10.</summary>
    [Range(0, 10_000, ErrorMessage = "Recommender:Popularity:DampingRatings must be 0 to 10000.")]
    public double DampingRatings { get; set; } = 10;
}
