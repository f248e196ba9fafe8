using System.Collections.Concurrent;

namespace WoodWide.Emulator;

/// <summary>The emulator's jobs, in memory, newest first when listed.</summary>
internal sealed class JobStore
{
    private readonly ConcurrentDictionary<Guid, EmulatedJob> _jobs = new();

    public void Add(EmulatedJob job) => _jobs[job.JobId] = job;

    /// <summary>The job as it was made (its timeline, not a moment of it).</summary>
    public EmulatedJob? Get(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The job as it stands at <paramref name="now"/>.</summary>
    public EmulatedJob? Find(Guid id, DateTimeOffset now) => _jobs.TryGetValue(id, out var job) ? job.At(now) : null;

    public List<EmulatedJob> List(string? status, string? type, DateTimeOffset now) =>
        _jobs.Values
            .Select(j => j.At(now))
            .Where(j => status is null || j.Status == status)
            .Where(j => type is null || j.Type == type)
            .OrderByDescending(j => j.CreatedAt).ThenBy(j => j.JobId)
            .ToList();
}
