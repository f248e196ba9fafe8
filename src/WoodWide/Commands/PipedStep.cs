using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// The status of a step of the module's own that was piped into the next (a job, an upload, a training, an
    /// inference's start, a model or a version): what <see cref="WwCmdlet.RefusePipedInput"/> reads. Any other object
    /// has none here, whatever properties it carries: a CSV row's "status" column is the user's data, not a step's.
    /// </summary>
    internal static class PipedStep
    {
        public static string? StatusOf(object? piped) => piped switch
        {
            JobSummary job => job.Status,
            DatasetUpload upload => upload.Status,
            ModelTraining training => training.Status,
            InferenceStart start => start.Status,
            WwModel model => model.Status,
            DatasetVersion version => version.Status,
            ModelVersion version => version.Status,
            _ => null,
        };

        /// <summary>The job a piped step is (or started): the one to wait for; null for a model or a version.</summary>
        public static System.Guid? JobOf(object? piped) => piped switch
        {
            JobSummary job => job.JobId,
            DatasetUpload upload when upload.JobId != System.Guid.Empty => upload.JobId,
            ModelTraining training => training.JobId,
            InferenceStart start => start.JobId,
            _ => null,
        };
    }
}
