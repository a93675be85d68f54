using ChatBot.Recommendations.Data;
using ChatBot.Recommendations.Factorization;
using ChatBot.Recommendations.Ranking;

namespace ChatBot.Recommendations.Serving;

/// <summary>Facts about a training run, saved with the model.</summary>
/// <param name="TrainedAt">When training finished.</param>
/// <param name="CatalogName">The catalog whose ratings were used, such as "ml-latest-small".</param>
/// <param name="CatalogRatings">Public catalog ratings used.</param>
/// <param name="PersonRatings">The bot's people's ratings used.</param>
/// <param name="People">People with at least one rating.</param>
/// <param name="Seed">The random seed.</param>
/// <param name="TrainingTime">Wall-clock time spent training both models, after the ratings were gathered.</param>
/// <param name="Epochs">Epochs the rating model ran before stopping.</param>
/// <param name="ValidationRmse">The rating model's best validation RMSE in stars, when it had validation data.</param>
public sealed record ModelInfo(
    DateTimeOffset TrainedAt,
    string CatalogName,
    int CatalogRatings,
    int PersonRatings,
    int People,
    int Seed,
    TimeSpan TrainingTime,
    int Epochs,
    double? ValidationRmse);

/// <summary>A complete trained recommender: the item numbering, the rating model and the ranking model. Immutable.</summary>
public sealed class RecommenderModel
{
    public RecommenderModel(ItemIndex items, FactorModel ratingModel, EaseModel rankingModel, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ratingModel);
        ArgumentNullException.ThrowIfNull(rankingModel);
        ArgumentNullException.ThrowIfNull(info);
        if (ratingModel.ItemCount != items.Count || rankingModel.ItemCount != items.Count)
        {
            throw new ArgumentException(
                $"The models cover {ratingModel.ItemCount} and {rankingModel.ItemCount} items but the item index has {items.Count}.");
        }

        Items = items;
        RatingModel = ratingModel;
        RankingModel = rankingModel;
        Info = info;
    }

    public ItemIndex Items { get; }

    public FactorModel RatingModel { get; }

    public EaseModel RankingModel { get; }

    public ModelInfo Info { get; }

    /// <summary>Gets the bytes held by the model's arrays (an estimate of its memory; object headers are not counted).</summary>
    public long ParameterBytes
    {
        get
        {
            long bytes = Items.Count * sizeof(int) * 2L;
            foreach (var sample in RatingModel.Samples)
            {
                bytes += (sample.ItemParameters.Length + sample.UserPriorMean.Length + sample.UserPriorPrecision.Length + sample.ItemNoiseScale.Length) * 4L;
            }

            bytes += RankingModel.Weights.Length * 4L;
            bytes += (RankingModel.ModelItems.Length + RankingModel.ItemRatingCounts.Length) * 4L;
            return bytes;
        }
    }
}
