using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WoodWide.Model;

namespace WoodWide.Completion
{
    /// <summary>The kinds of id a parameter takes, each completed from its own ids.</summary>
    public enum IdKind
    {
        Job,
        Dataset,
        DatasetVersion,
        Model,
        ModelVersion,
    }

    /// <summary>
    /// The ids this process has seen in what the cmdlets wrote (made, fetched or listed), by kind, with a line each
    /// that says what it is: what the id parameters complete from, with no network call in the completer. Bounded per
    /// kind: past <see cref="Capacity"/> plus a slack, the oldest are forgotten down to <see cref="Capacity"/>.
    /// </summary>
    public static class SeenIds
    {
        public const int Capacity = 1000;

        /// <summary>
        /// How far past <see cref="Capacity"/> a kind may grow before it is trimmed. Trimming sorts every entry, so it
        /// runs once per this many new ids rather than for each: a listing of 10,000 jobs paid 30 µs a job for it.
        /// </summary>
        public const int Slack = Capacity / 4;

        private static readonly ConcurrentDictionary<Guid, Seen>[] Ids =
            Enum.GetValues(typeof(IdKind)).Cast<IdKind>().Select(_ => new ConcurrentDictionary<Guid, Seen>()).ToArray();
        private static readonly object TrimLock = new object();
        private static long _clock;

        public sealed class Seen
        {
            internal Seen(Guid id, string description, long order, string? type, string? status)
            {
                Id = id;
                Description = description;
                Order = order;
                Type = type;
                Status = status;
            }

            public Guid Id { get; }

            /// <summary>A job's type and status, which -Type and -Status complete from; null for other kinds.</summary>
            public string? Type { get; }

            public string? Status { get; }

            /// <summary>What it is, for the tooltip: "train · succeeded", "dataset 'churn'".</summary>
            public string Description { get; }

            internal long Order { get; }
        }

        /// <summary>One id an object carries: of what kind, what it is, and whether the object knows it only in passing.</summary>
        public readonly struct Carried
        {
            public Carried(IdKind kind, Guid id, string description, bool inPassing, string? type = null, string? status = null)
            {
                Kind = kind;
                Id = id;
                Description = description;
                InPassing = inPassing;
                Type = type;
                Status = status;
            }

            public string? Type { get; }
            public string? Status { get; }

            public IdKind Kind { get; }
            public Guid Id { get; }
            public string Description { get; }

            /// <summary>Named by another object (a job's model): keeps what a better source said of it, if any.</summary>
            public bool InPassing { get; }
        }

        /// <summary>
        /// Remembers every id in what a cmdlet wrote; anything that is not the module's own carries none. On the path of
        /// every object written (100,000 result rows, say), so an object that carries no id costs a type test, nothing
        /// allocated.
        /// </summary>
        public static void Remember(object? written)
        {
            if (written is ApiObject) Visit(written, RememberOne);
        }

        private static readonly Action<Carried> RememberOne = Remember;

        public static void Remember(Carried carried)
        {
            var ids = Ids[(int)carried.Kind];
            var order = System.Threading.Interlocked.Increment(ref _clock);
            ids.AddOrUpdate(carried.Id, _ => new Seen(carried.Id, carried.Description, order, carried.Type, carried.Status),
                (_, old) => carried.InPassing
                    ? new Seen(carried.Id, old.Description, order, old.Type, old.Status)
                    : new Seen(carried.Id, carried.Description, order, carried.Type ?? old.Type, carried.Status ?? old.Status));
            if (ids.Count > Capacity + Slack) Trim(ids);
        }

        /// <summary>The ids an object of the module's carries, each with what it is.</summary>
        public static IReadOnlyList<Carried> In(object? value)
        {
            var carried = new List<Carried>();
            Visit(value, carried.Add);
            return carried;
        }

        /// <summary>Hands <paramref name="each"/> every id an object of the module's carries, with what it is.</summary>
        private static void Visit(object? value, Action<Carried> each)
        {
            switch (value)
            {
                case JobDetail job:
                    each(Job(job.JobId, job.Type, job.Status));
                    var from = $"of {job.Type ?? "job"} {Short(job.JobId)}";
                    if (job.DatasetId is Guid jd) each(new Carried(IdKind.Dataset, jd, "dataset " + from, true));
                    if (job.DatasetVersionId is Guid dv) each(new Carried(IdKind.DatasetVersion, dv, "dataset version " + from, true));
                    if (job.ModelId is Guid jm) each(new Carried(IdKind.Model, jm, "model " + from, true));
                    if (job.ModelVersionId is Guid mv) each(new Carried(IdKind.ModelVersion, mv, "model version " + from, true));
                    break;
                case JobSummary job:
                    each(Job(job.JobId, job.Type, job.Status));
                    break;
                case DatasetUpload upload:
                    each(Job(upload.JobId, JobTypes.DatasetIngest, upload.Status));
                    var file = upload.Path is null ? string.Empty : " from " + System.IO.Path.GetFileName(upload.Path);
                    if (upload.DatasetId is Guid uploaded) each(new Carried(IdKind.Dataset, uploaded, "dataset" + file, true));
                    if (upload.DatasetVersionId is Guid uv)
                        each(new Carried(IdKind.DatasetVersion, uv, $"version {Number(upload.VersionNumber)}{file}", false));
                    break;
                case Dataset dataset when dataset.DatasetId is Guid id:
                    each(new Carried(IdKind.Dataset, id, $"dataset {Quoted(dataset.Name)}", false));
                    break;
                case DatasetVersion version:
                    each(new Carried(IdKind.DatasetVersion, version.DatasetVersionId,
                        $"version {Number(version.Version)} of dataset {Short(version.DatasetId)}{Status(version.Status)}", false));
                    if (version.DatasetId is Guid of) each(new Carried(IdKind.Dataset, of, "dataset", true));
                    break;
                case ModelTraining training:
                    each(Job(training.JobId, JobTypes.Train, training.Status));
                    if (training.ModelId is Guid trained)
                        each(new Carried(IdKind.Model, trained, training.Name is null ? "model" : $"model {Quoted(training.Name)}", training.Name is null));
                    if (training.ModelVersionId is Guid tv)
                        each(new Carried(IdKind.ModelVersion, tv, $"version {Number(training.VersionNumber)} of model {Quoted(training.Name ?? Short(training.ModelId))}", false));
                    break;
                case WwModel model:
                    each(new Carried(IdKind.Model, model.ModelId, $"model {Quoted(model.Name)}{Status(model.Status)}", false));
                    if (model.CurrentVersion?.VersionId is Guid current)
                        each(new Carried(IdKind.ModelVersion, current, $"version {Number(model.CurrentVersion.Version)} of model {Quoted(model.Name)}", true));
                    if (model.TrainingDatasetId is Guid trainedOn)
                        each(new Carried(IdKind.Dataset, trainedOn, $"dataset {Quoted(model.TrainingDatasetName)}", true));
                    break;
                case ModelVersion version when version.VersionId is Guid id:
                    each(new Carried(IdKind.ModelVersion, id, $"model version {Number(version.Version)}{Status(version.Status)}", false));
                    break;
                case InferenceStart start:
                    each(Job(start.JobId, JobTypes.InferBatch, start.Status));
                    if (start.ModelId is Guid ran) each(new Carried(IdKind.Model, ran, "model", true));
                    break;
            }
        }

        /// <summary>Of one kind, most recently seen first.</summary>
        public static IEnumerable<Seen> Recent(IdKind kind) => Ids[(int)kind].Values.OrderByDescending(s => s.Order);

        internal static void Forget()
        {
            foreach (var ids in Ids) ids.Clear();
        }

        private static Carried Job(Guid id, string? type, string? status) =>
            new Carried(IdKind.Job, id, $"{type ?? "job"}{Status(status)}", false, type, status);

        private static string Status(string? status) => string.IsNullOrEmpty(status) ? string.Empty : " · " + status;

        private static string Number(long? n) => n is long v ? v.ToString(CultureInfo.InvariantCulture) : "?";

        private static string Quoted(string? name) => name is null ? "(no name)" : $"'{name}'";

        private static string Short(Guid? id) => id is Guid g ? g.ToString().Substring(0, 8) + "…" : "?";

        private static void Trim(ConcurrentDictionary<Guid, Seen> ids)
        {
            lock (TrimLock)
            {
                var excess = ids.Count - Capacity;
                if (excess <= Slack) return;   // another thread trimmed first
                foreach (var old in ids.Values.OrderBy(s => s.Order).Take(excess).ToList())
                    ids.TryRemove(old.Id, out _);
            }
        }
    }
}
