namespace ChatBot.Recommendations.Evaluation;

/// <summary>The figures of one model under one protocol on one dataset; metric names are those used in docs/benchmarks.md.</summary>
public sealed record EvaluationResult(string Dataset, string Protocol, string Model, IReadOnlyDictionary<string, double> Metrics);

/// <summary>Metric and protocol names shared by the evaluation, its table and its JSON.</summary>
public static class EvaluationNames
{
    public const string RatingProtocol = "rating-u1-u5";
    public const string TopNProtocol = "topn-random-80-20";
    public const string FoldInProtocol = "foldin-strong-generalisation";
    public const string SpeedProtocol = "speed";

    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string Recall = "recall@10";
    public const string Ndcg = "ndcg@10";
    public const string Users = "users";
    public const string BlockbusterShare = "blockbuster_share@10";
    public const string Coverage = "coverage@10";
    public const string PopularityPercentile = "popularity_percentile@10";
    public const string NdcgInTraining = "ndcg@10_in_training";
    public const string NdcgFoldIn = "ndcg@10_fold_in";
    public const string RecallInTraining = "recall@10_in_training";
    public const string RecallFoldIn = "recall@10_fold_in";
    public const string FoldInRatio = "fold_in_ratio";
    public const string RmseInTraining = "rmse_in_training";
    public const string RmseFoldIn = "rmse_fold_in";
    public const string LoadSeconds = "load_seconds";
    public const string TrainSeconds = "train_seconds";
    public const string TrainProcessorSeconds = "train_cpu_seconds";
    public const string LoadAverage1m = "load_average_1m";
    public const string Epochs = "epochs";
    public const string FoldInMs = "fold_in_ms";
    public const string FoldInP95Ms = "fold_in_p95_ms";
    public const string Top10Ms = "top10_ms";
    public const string Top10P95Ms = "top10_p95_ms";
    public const string ModelMegabytes = "model_mb";
    public const string FileMegabytes = "file_mb";
    public const string ManagedHeapMegabytes = "managed_heap_mb";
}
