using System.Collections.Concurrent;

namespace WoodWide.Emulator;

/// <summary>The emulator's jobs, in memory, newest first when listed.</summary>
internal sealed class JobStore
{
    private readonly ConcurrentDictionary<Guid, EmulatedJob> _jobs = new();

    public void Add(EmulatedJob job) => _jobs[job.JobId] = job;

    public EmulatedJob? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;

    public List<EmulatedJob> List(string? status, string? type) =>
        _jobs.Values
            .Where(j => status is null || j.Status == status)
            .Where(j => type is null || j.Type == type)
            .OrderByDescending(j => j.CreatedAt).ThenBy(j => j.JobId)
            .ToList();
}
