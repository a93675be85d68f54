using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatBot.Recommendations.Evaluation;

/// <summary>Formats evaluation results as Markdown tables and as JSON.</summary>
public static class EvaluationReport
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Returns one Markdown table per dataset and protocol: a row per model, a column per metric.</summary>
    public static string ToMarkdown(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        foreach (var group in results.GroupBy(r => (r.Dataset, r.Protocol)))
        {
            var metrics = group.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {group.Key.Dataset}, {group.Key.Protocol}");
            text.AppendLine();
            text.AppendLine("| model | " + string.Join(" | ", metrics) + " |");
            text.AppendLine("|---|" + string.Concat(metrics.Select(_ => "---:|")));
            foreach (var result in group)
            {
                var cells = metrics.Select(m => result.Metrics.TryGetValue(m, out var value) ? Format(m, value) : "");
                text.AppendLine($"| {result.Model} | " + string.Join(" | ", cells) + " |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Returns a JSON array with one object per dataset, protocol and model; non-finite metrics are left out.</summary>
    public static string ToJson(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var objects = results.Select(r => new
        {
            dataset = r.Dataset,
            protocol = r.Protocol,
            model = r.Model,
            metrics = r.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => Math.Round(m.Value, 6)),
        });
        return JsonSerializer.Serialize(objects, JsonOptions);
    }

    private static string Format(string metric, double value)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        return metric is EvaluationNames.Users or EvaluationNames.Epochs
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString(Math.Abs(value) >= 100 ? "0.0" : "0.0000", CultureInfo.InvariantCulture);
    }
}
