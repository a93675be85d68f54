using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Conversations.Ranking;

/// <summary>
/// The conversation ranker's trained state: one weight per <see cref="RankingFeature"/> and the dialogue
/// statistics it was trained with. Saved as JSON in the data folder by the train-chat-ranker verb.
/// </summary>
public sealed class ChatRankerModel
{
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    // Declared before BuiltIn, which reads it during type initialisation.
    private static readonly (RankingFeature Feature, float Weight)[] BuiltInWeights =
    [
        (RankingFeature.CollaborativeProfile, 0.5f),
        (RankingFeature.CollaborativeConversation, 1.2f),
        (RankingFeature.LogRatings, 0.4f),
        (RankingFeature.LogRecentRatings, 0.6f),
        (RankingFeature.Year2015On, 0.9f),
        (RankingFeature.GenreAll, 1.2f),
        (RankingFeature.GenreLatest, 0.5f),
        (RankingFeature.GenreSimilarityLiked, 1.2f),
        (RankingFeature.GenreSimilarityMentioned, 1.1f),
        (RankingFeature.GenreSimilarityLast, 0.8f),
        (RankingFeature.YearSimilarityMentioned, 0.4f),
        (RankingFeature.YearSimilarityLast, 0.5f),
        (RankingFeature.YearRequested, 0.7f),
    ];

    public ChatRankerModel(float[] weights, DialogueStatistics dialogues, DateTimeOffset trainedAt)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(dialogues);
        if (weights.Length != RankingFeatures.Count)
        {
            throw new ArgumentException($"The model needs {RankingFeatures.Count} weights, one per ranking feature, but got {weights.Length}.", nameof(weights));
        }

        Weights = weights;
        Dialogues = dialogues;
        TrainedAt = trainedAt;
    }

    /// <summary>
    /// Gets the model used when no trained file exists: weights fitted on ReDial-format training dialogues
    /// without the dialogue features, which need a dialogue model (their weights are 0 here).
    /// </summary>
    public static ChatRankerModel BuiltIn { get; } = new(DefaultWeights(), DialogueStatistics.Empty, DateTimeOffset.UnixEpoch);

    /// <summary>Gets the weight of each feature, indexed by <see cref="RankingFeature"/>.</summary>
    public float[] Weights { get; }

    public DialogueStatistics Dialogues { get; }

    public DateTimeOffset TrainedAt { get; }

    /// <summary>Writes the model to <paramref name="path"/> atomically (a temporary file renamed over it).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new ModelFile
        {
            Version = FormatVersion,
            TrainedAt = TrainedAt,
            Weights = Enum.GetValues<RankingFeature>().ToDictionary(f => f.ToString(), f => Weights[(int)f]),
            Dialogues = Dialogues.Dialogues,
            Suggestions = Dialogues.Suggestions,
            Followers = Dialogues.Followers,
            Mentions = Dialogues.Mentions.Count == 0 ? null : Dialogues.Mentions,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(file, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a model file; throws <see cref="InvalidDataException"/> naming the problem when it is not a valid model.</summary>
    public static ChatRankerModel Load(string path)
    {
        ModelFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ModelFile>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The chat ranker model '{path}' is not valid JSON ({exception.Message}); run train-chat-ranker again.", exception);
        }

        if (file is null || file.Version != FormatVersion || file.Weights is null)
        {
            throw new InvalidDataException($"The chat ranker model '{path}' has an unknown format; run train-chat-ranker again.");
        }

        var weights = new float[RankingFeatures.Count];
        foreach (var feature in Enum.GetValues<RankingFeature>())
        {
            // A file written before a feature existed leaves it out; the feature then does not count (weight 0).
            if (!file.Weights.TryGetValue(feature.ToString(), out var weight))
            {
                continue;
            }

            if (!float.IsFinite(weight))
            {
                throw new InvalidDataException($"The chat ranker model '{path}' has an invalid weight {weight} for {feature}; run train-chat-ranker again.");
            }

            weights[(int)feature] = weight;
        }

        var dialogues = new DialogueStatistics(file.Dialogues, file.Suggestions ?? [], file.Followers ?? [], file.Mentions);
        return new ChatRankerModel(weights, dialogues, file.TrainedAt);
    }

    private static float[] DefaultWeights()
    {
        var weights = new float[RankingFeatures.Count];
        foreach (var (feature, weight) in BuiltInWeights)
        {
            weights[(int)feature] = weight;
        }

        return weights;
    }


    private sealed class ModelFile
    {
        public int Version { get; set; }

        public DateTimeOffset TrainedAt { get; set; }

        public Dictionary<string, float>? Weights { get; set; }

        public int Dialogues { get; set; }

        public Dictionary<int, int>? Suggestions { get; set; }

        public Dictionary<int, Dictionary<int, int>>? Followers { get; set; }

        public Dictionary<int, int>? Mentions { get; set; }
    }
}
