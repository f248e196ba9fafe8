using System.Collections.Concurrent;

namespace WoodWide.Emulator;

/// <summary>
/// The results of the jobs that have some (inferences, and jobs made with "results" under /_emulator), computed when
/// first asked for: GET /jobs/{job_id}/results serves them once the job has succeeded, inline for json and as a
/// signed storage URL for csv and parquet.
/// </summary>
internal sealed class ResultStore
{
    private readonly ConcurrentDictionary<Guid, Entry> _byJob = new();
    private readonly ConcurrentDictionary<string, Entry> _byToken = new(StringComparer.Ordinal);

    /// <param name="OutputType">json, csv or parquet.</param>
    /// <param name="Shape">How json results are laid out: "columns" (the docs' column-oriented data), "rows" (data is a
    /// list of row objects) or "bare" (the body is that list): the emulator's way to rehearse the shapes the docs leave open.</param>
    /// <param name="UriField">The field that carries a csv or parquet artifact's URL.</param>
    public sealed record Entry(Guid JobId, string OutputType, string Shape, string UriField, Lazy<ResultSet> Set)
    {
        public string Token { get; } = Guid.NewGuid().ToString("N");
    }

    public void Add(Guid jobId, string outputType, Func<ResultSet> compute, string shape = "columns", string uriField = "results_uri")
    {
        var entry = new Entry(jobId, outputType, shape, uriField, new Lazy<ResultSet>(compute, LazyThreadSafetyMode.ExecutionAndPublication));
        _byJob[jobId] = entry;
        _byToken[entry.Token] = entry;
    }

    public Entry? ForJob(Guid jobId) => _byJob.TryGetValue(jobId, out var e) ? e : null;

    public Entry? ForToken(string token) => _byToken.TryGetValue(token, out var e) ? e : null;
}
