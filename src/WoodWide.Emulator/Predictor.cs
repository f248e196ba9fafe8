using System.Text;

namespace WoodWide.Emulator;

/// <summary>
/// The emulator's predictions: a pure function of each row's text, so tests can assert them and a row predicts the
/// same whenever it is seen. A row's score is the FNV-1a hash of its cells joined by commas, over 2^32, in [0, 1).
/// Columns by model type (the emulator's choice where the docs are silent):
/// prediction: id, prediction (1 or 0 from score ≥ 0.5 for a binary or categorical label; score × 100 for a numeric
/// one), prediction_prob (0.5 + |score − 0.5|, for a classification only); clustering: id, cluster_label
/// (floor(score × 3)), cluster_description; anomaly: per_row id, is_anomaly (score ≥ 0.9), anomaly_score, or ids_only
/// the ids of the anomalous rows; embedding: id, embedding_0 … embedding_3; factors and search: id, score.
/// </summary>
internal static class Predictor
{
    public static double Score(IReadOnlyList<string> cells)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(string.Join(",", cells)))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash / 4294967296.0;
    }

    /// <summary>The result columns, in order, with one value per input row (ids 0-based).</summary>
    public static ResultSet Predict(string modelType, string? labelType, string anomalyFormat, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var scores = rows.Select(Score).ToArray();
        var ids = Enumerable.Range(0, rows.Count).Select(i => (object?)(long)i).ToList();
        var set = new ResultSet();
        switch (modelType)
        {
            case "prediction" when labelType == "numeric":
                set.Add("id", ids);
                set.Add("prediction", scores.Select(s => (object?)Math.Round(s * 100, 3)).ToList());
                break;
            case "prediction":
                set.Add("id", ids);
                set.Add("prediction", scores.Select(s => (object?)(s >= 0.5 ? 1L : 0L)).ToList());
                set.Add("prediction_prob", scores.Select(s => (object?)Math.Round(0.5 + Math.Abs(s - 0.5), 3)).ToList());
                break;
            case "clustering":
                set.Add("id", ids);
                set.Add("cluster_label", scores.Select(s => (object?)(long)Math.Floor(s * 3)).ToList());
                set.Add("cluster_description", scores.Select(s => (object?)$"Cluster {(long)Math.Floor(s * 3)}").ToList());
                break;
            case "anomaly" when anomalyFormat == "per_row":
                set.Add("id", ids);
                set.Add("is_anomaly", scores.Select(s => (object?)(s >= 0.9)).ToList());
                set.Add("anomaly_score", scores.Select(s => (object?)Math.Round(s, 3)).ToList());
                break;
            case "anomaly":
                set.Add("id", Enumerable.Range(0, rows.Count).Where(i => scores[i] >= 0.9).Select(i => (object?)(long)i).ToList());
                break;
            case "embedding":
                set.Add("id", ids);
                for (var d = 0; d < 4; d++)
                {
                    var dimension = d;
                    set.Add($"embedding_{d}", scores.Select(s => (object?)Math.Round(Math.Sin(s * 10 + dimension), 4)).ToList());
                }
                break;
            default:
                set.Add("id", ids);
                set.Add("score", scores.Select(s => (object?)Math.Round(s, 4)).ToList());
                break;
        }
        return set;
    }
}
