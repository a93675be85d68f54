using System.ComponentModel.DataAnnotations;

namespace ChatBot.Recommendations.Factorization;

/// <summary>How the rating model's parameters are estimated.</summary>
public enum RatingModelMethod
{
    /// <summary>Bayesian: Gibbs sampling with Normal-Gamma hyperpriors, predictions averaged over samples.</summary>
    Gibbs,

    /// <summary>Point estimate: alternating least squares with a fixed L2 penalty.</summary>
    Als,
}

/// <summary>Settings of the rating model (biased matrix factorisation), bound from "Recommender:RatingModel".</summary>
public sealed class RatingModelOptions
{
    /// <summary>Gets or sets the estimation method. Default: <see cref="RatingModelMethod.Gibbs"/>.</summary>
    [EnumDataType(typeof(RatingModelMethod), ErrorMessage = "Recommender:RatingModel:Method must be Gibbs or Als.")]
    public RatingModelMethod Method { get; set; } = RatingModelMethod.Gibbs;

    /// <summary>Gets or sets the number of latent factors per user and item. Default: 10.</summary>
    [Range(1, 64, ErrorMessage = "Recommender:RatingModel:Factors must be 1 to 64.")]
    public int Factors { get; set; } = 10;

    /// <summary>Gets or sets the maximum number of epochs (Gibbs sweeps or ALS iterations). Default: 200.</summary>
    [Range(1, 10_000, ErrorMessage = "Recommender:RatingModel:MaxEpochs must be 1 to 10000.")]
    public int MaxEpochs { get; set; } = 200;

    /// <summary>Gets or sets how many Gibbs sweeps are discarded before samples are averaged. Default: 20.</summary>
    [Range(0, 10_000, ErrorMessage = "Recommender:RatingModel:BurnInEpochs must be 0 to 10000.")]
    public int BurnInEpochs { get; set; } = 20;

    /// <summary>
    /// Gets or sets the most posterior samples the saved model keeps, spread evenly over the chain. When the buffer
    /// overflows every other sample is dropped, so a long chain leaves between half this number and this number. Default: 32.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Recommender:RatingModel:StoredSamples must be 1 to 256.")]
    public int StoredSamples { get; set; } = 32;

    /// <summary>Gets or sets the fraction of ratings held out to measure validation RMSE for early stopping; 0 turns early stopping off. Default: 0.02.</summary>
    [Range(0.0, 0.5, ErrorMessage = "Recommender:RatingModel:ValidationFraction must be 0 to 0.5.")]
    public double ValidationFraction { get; set; } = 0.02;

    /// <summary>Gets or sets how many epochs without a validation RMSE gain of <see cref="MinImprovement"/> stop training. Default: 40.</summary>
    [Range(1, 10_000, ErrorMessage = "Recommender:RatingModel:Patience must be 1 to 10000.")]
    public int Patience { get; set; } = 40;

    /// <summary>Gets or sets the smallest validation RMSE decrease, in stars, that counts as a gain. Default: 0.0001.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Recommender:RatingModel:MinImprovement must be 0 to 1.")]
    public double MinImprovement { get; set; } = 1e-4;

    /// <summary>
    /// Gets or sets the degrees of freedom ν of Student-t rating noise for Gibbs: each user and item gets a
    /// precision scale drawn from Gamma(ν/2, ν/2), so erratic raters and items weigh less; 0 means Gaussian noise. Default: 16.
    /// </summary>
    [Range(0.0, 1000.0, ErrorMessage = "Recommender:RatingModel:NoiseDegreesOfFreedom must be 0 (Gaussian noise) to 1000.")]
    public double NoiseDegreesOfFreedom { get; set; } = 16;

    /// <summary>Gets or sets the L2 penalty per parameter row for <see cref="RatingModelMethod.Als"/>; Gibbs learns its own. Default: 10.</summary>
    [Range(0.001, 10_000.0, ErrorMessage = "Recommender:RatingModel:Regularization must be 0.001 to 10000.")]
    public double Regularization { get; set; } = 10;

    /// <summary>Gets or sets the standard deviation of the random initial factors. Default: 0.1.</summary>
    [Range(0.0, 10.0, ErrorMessage = "Recommender:RatingModel:InitialStandardDeviation must be 0 to 10.")]
    public double InitialStandardDeviation { get; set; } = 0.1;
}
