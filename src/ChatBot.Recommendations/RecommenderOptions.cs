using System.ComponentModel.DataAnnotations;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Popularity;
using ChatBot.Recommendations.Ranking;
using Microsoft.Extensions.Options;

namespace ChatBot.Recommendations;

/// <summary>Settings of the recommender, bound from "Recommender".</summary>
public sealed class RecommenderOptions
{
    public const string SectionName = "Recommender";

    /// <summary>Gets or sets the model file's name inside the data folder (Data:Directory). Default: "recommender.model".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Recommender:ModelFileName must name a file, for example recommender.model.")]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "Recommender:ModelFileName must be a file name without folders; the file lives in Data:Directory.")]
    public string ModelFileName { get; set; } = "recommender.model";

    /// <summary>Gets or sets the random seed of training and of the validation split. Default: 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets whether the host trains a model at start when none is saved, and retrains as ratings arrive. Default: true.</summary>
    public bool TrainInBackground { get; set; } = true;

    /// <summary>Gets or sets how many rating changes (new, changed or removed ratings) trigger a retrain. Default: 50.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Recommender:RetrainAfterRatings must be at least 1.")]
    public int RetrainAfterRatings { get; set; } = 50;

    /// <summary>Gets or sets how often the background service checks for new ratings, in seconds. Default: 60.</summary>
    [Range(1, 86_400, ErrorMessage = "Recommender:RetrainCheckSeconds must be 1 to 86400.")]
    public int RetrainCheckSeconds { get; set; } = 60;

    /// <summary>
    /// Gets or sets the threads TorchSharp computes with while training (torch.set_num_threads). libtorch applies it to
    /// the training thread and to threads started after it. One thread leaves a core free for replies. Default: 1.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Recommender:TrainingThreads must be 1 to 256.")]
    public int TrainingThreads { get; set; } = 1;

    /// <summary>Gets or sets the rating model's settings ("Recommender:RatingModel").</summary>
    public RatingModelOptions RatingModel { get; set; } = new();

    /// <summary>Gets or sets the ranking model's settings ("Recommender:RankingModel").</summary>
    public RankingModelOptions RankingModel { get; set; } = new();

    /// <summary>Gets or sets the popularity fallback's settings ("Recommender:Popularity").</summary>
    public PopularityOptions Popularity { get; set; } = new();
}

/// <summary>
/// Validates <see cref="RecommenderOptions"/> and its nested sections with their data annotations, reporting every
/// failure with the message the attribute gives (which names the configuration key and the allowed values).
/// </summary>
/// <remarks>
/// NOTE: the source-generated [OptionsValidator] of Microsoft.Extensions.Options 10.0 replaces a RangeAttribute's
/// ErrorMessage with its default text, so the attributes are checked by reflection here instead.
/// </remarks>
public sealed class RecommenderOptionsValidator : IValidateOptions<RecommenderOptions>
{
    public ValidateOptionsResult Validate(string? name, RecommenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var section in new object?[] { options, options.RatingModel, options.RankingModel, options.Popularity })
        {
            if (section is null)
            {
                failures.Add("A Recommender section is empty; remove it to use the defaults.");
                continue;
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => r.ErrorMessage ?? $"Recommender: {string.Join(", ", r.MemberNames)} is invalid."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
