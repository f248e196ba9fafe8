using WoodWide.Text;
using System;
using System.Globalization;
using System.Linq;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// The words of a wait: the log line for each change of state (what a CI log shows, where bars are not drawn),
    /// the warnings, the verbose lines and the closing summary. Pure text from events; no I/O.
    /// </summary>
    public static class WaitLog
    {
        /// <summary>"[00:02] train 6f1c…: queued -> running (7.4%)", or "…: running -> succeeded after 00:13, 42.5 credits".</summary>
        public static string StateLine(WaitEvent e, TimeSpan elapsed)
        {
            var change = e.From is null || string.Equals(e.From, e.To, StringComparison.Ordinal) ? e.To : $"{e.From} -> {e.To}";
            var detail = e.Detail;
            var line = $"[{Clock(elapsed)}] {detail?.Type ?? "job"} {e.Job!.JobId}: {change}";
            if (e.Kind != WaitEventKind.Ended)
                return detail?.Progress is double p ? $"{line} ({Wording.Percent(p)})" : line;
            if (detail?.Duration is TimeSpan took) line += " after " + Clock(took);
            if (detail?.CreditsConsumed is double c) line += ", " + Credits(c);
            return line;
        }

        public static string UploadWarning(WaitEvent e) =>
            $"Job {e.Job!.JobId} is waiting for its data upload: it will not advance until the file is uploaded and the " +
            "upload is completed (POST /datasets/{dataset_version_id}/complete). Still waiting.";

        public static string RetryLine(WaitEvent e) =>
            string.Format(CultureInfo.InvariantCulture, "Job {0}: {1}; polling again in {2:0.0} s.",
                e.Job!.JobId, e.Failure!.Message.TrimEnd('.'), e.Delay.TotalSeconds);

        public static string StrugglingWarning(WaitEvent e) =>
            $"Job {e.Job!.JobId}: {e.Count} polls in a row failed while the server answered others ({e.Failure!.Message.TrimEnd('.')}); " +
            "it is polled again, and given up on if that goes on.";

        /// <summary>
        /// The warning that the server has gone quiet: before any answer, with when the wait gives up on it; after one,
        /// since when, and that the wait rides it out.
        /// </summary>
        public static string UnansweredWarning(WaitEvent e, DateTimeOffset now)
        {
            var since = e.Since ?? now;
            var last = e.Failure is PollFailure f ? f.Message.TrimEnd('.') : "the polls sent are still waiting for their answers";
            return e.Limit is TimeSpan left
                ? string.Format(CultureInfo.InvariantCulture, "No poll answered in {0:0} s ({1}); the wait gives up on the server in {2:0} s unless one is.",
                    (now - since).TotalSeconds, last, Math.Max(0, left.TotalSeconds))
                : string.Format(CultureInfo.InvariantCulture, "The server has given no answer since {0} ({1}); the wait rides it out until the timeout.",
                    Utc(since), last);
        }

        /// <summary>"[01:12] The server answers again, after 00:42 without an answer."</summary>
        public static string AnswersAgainLine(WaitEvent e, DateTimeOffset now, TimeSpan elapsed) =>
            $"[{Clock(elapsed)}] The server answers again, after {Clock(now - (e.Since ?? now))} without an answer.";

        /// <summary>
        /// What a wait that ended for every job at once says after the failure's own text: why it is the server's and
        /// not a job's. Null for a fault that says it all itself (a rejected key).
        /// </summary>
        public static string? ServerEnd(WaitEvent e) => e.Reason switch
        {
            WaitReason.Unreachable => string.Format(CultureInfo.InvariantCulture,
                "No poll was answered in {0:0} s, so the wait gave up on the server; the jobs were never seen, so none is said to have timed out.", e.Limit?.TotalSeconds),
            WaitReason.ServerDark => string.Format(CultureInfo.InvariantCulture,
                "The server has given no answer since {0}, and the timeout of {1:0} s came during that: the jobs did not time out, the server went quiet.",
                Utc(e.Since ?? default), e.Limit?.TotalSeconds),
            _ => null,
        };

        /// <summary>What a job that could not be polled says after the failure's own text.</summary>
        public static string? Unpollable(JobWatch job) => job.Failure is { IsTransient: true }
            ? string.Format(CultureInfo.InvariantCulture,
                "It could not be polled: {0} polls in a row failed while the server answered others. The job itself goes on.", job.ConsecutiveFailures)
            : null;

        /// <summary>"12:03:04 UTC".</summary>
        public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

        /// <summary>"The server limits requests (HTTP 429): every poll waits 2 s, then goes at most 25 a second."</summary>
        public static string ThrottledLine(WaitEvent e) => string.Format(CultureInfo.InvariantCulture,
            "The server limits requests (HTTP 429): every poll waits {0:0.#} s, then goes at most {1:0.#} a second.",
            e.Delay.TotalSeconds, e.Pace);

        /// <summary>The first pause, for the log: the later ones go to -Verbose only, and it says so, as the pace may fall further.</summary>
        public static string FirstThrottledLine(WaitEvent e, TimeSpan elapsed) =>
            $"[{Clock(elapsed)}] {ThrottledLine(e)} Later 429s may halve it again (-Verbose shows each pause).";

        public static string AbandonedLine(WaitEvent e) =>
            $"Job {e.Job!.JobId}: no longer waited for ({Why(e.Reason)}); " + (e.Job.EndListed
                ? $"the job listing showed it {e.Job.ListedEnd}, and its own detail was not fetched."
                : $"it was {e.Detail?.Status ?? "not yet seen"}.");

        /// <summary>
        /// "Waited 14.1 s for 3 job(s): 2 succeeded, 1 failed; 16 request(s), 2 retried.", and when the wait swept the
        /// listing, how many of the requests were its pages.
        /// </summary>
        public static string Summary(WaitPolicy policy, int requests, int retried) =>
            string.Format(CultureInfo.InvariantCulture, "Waited {0:0.0} s for {1} job(s): {2}; {3} request(s){5}, {4} retried.",
                (policy.Now - policy.StartedAt).TotalSeconds, policy.Jobs.Count, Outcomes(policy), requests, retried,
                policy.Sweeps == 0 ? "" : string.Format(CultureInfo.InvariantCulture, " ({0} of them pages of the job listing, in {1} sweep(s))",
                    policy.SweepPages, policy.Sweeps));

        /// <summary>
        /// "Swept the job listing: 10 page(s), 874 of 900 jobs seen, 23 listed as ended (each fetched by its own GET), 610
        /// running with a GET aimed just after the end their ETA gives; per-job polls of the jobs left would need 667 a
        /// second, at a pace of 50." (or "..., within the pace of 50, but more requests than sweeps."), and when the sweep
        /// was the last, why.
        /// </summary>
        public static string SweptLine(WaitEvent e)
        {
            var sweep = e.Sweep!;
            var line = string.Format(CultureInfo.InvariantCulture,
                "Swept the job listing{0}: {1} page(s), {2} of {3} job(s) seen, {4}{5}; per-job polls of the jobs left would need {6:0} a second, " +
                // Sweeps go on once the need is within the pace while they cost fewer requests: the line says why.
                (e.Demand > e.Pace ? "at a pace of {7:0.#}." : "within the pace of {7:0.#}, but more requests than sweeps."),
                sweep.IsFinal ? " at the timeout" : sweep.Completed ? "" : ", cut short", sweep.Pages, sweep.Refreshed, sweep.WantedAtStart,
                sweep.EndsListed == 0 ? "none listed as ended" : $"{sweep.EndsListed} listed as ended (each fetched by its own GET)",
                sweep.Aimed == 0 ? "" : $", {sweep.Aimed} running with a GET aimed just after the end their ETA gives", e.Demand, e.Pace);
            return e.Note is null ? line : $"{line} No more sweeps in this wait ({e.Note}): each job is polled by its own GET.";
        }

        /// <summary>
        /// "[00:41] 300 jobs: 244 succeeded, 36 failed, 20 canceled.": the last line of a wait's log for several jobs, so a
        /// CI log of hundreds of state changes ends with the count (and says how many -Any or -FailFast left behind).
        /// </summary>
        public static string EndLine(WaitPolicy policy) =>
            $"[{Clock(policy.Now - policy.StartedAt)}] {policy.Jobs.Count} jobs: {Outcomes(policy)}.";

        /// <summary>"244 succeeded, 36 failed, 20 canceled": the outcomes, in the order a job meets them.</summary>
        public static string Outcomes(WaitPolicy policy) =>
            string.Join(", ", policy.Jobs.GroupBy(Label).OrderBy(g => Order(g.Key)).Select(g => $"{g.Count()} {g.Key}"));

        /// <summary>"42.5 credits", "1 credit".</summary>
        public static string Credits(double credits) =>
            string.Format(CultureInfo.InvariantCulture, credits == 1 ? "{0:0.##} credit" : "{0:0.##} credits", credits);

        /// <summary>mm:ss, or h:mm:ss from an hour on.</summary>
        public static string Clock(TimeSpan elapsed) =>
            elapsed.TotalHours >= 1
                ? ((int)elapsed.TotalHours).ToString(CultureInfo.InvariantCulture) + elapsed.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture)
                : elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

        private static string Why(WaitReason reason) => reason switch
        {
            WaitReason.AnyJobEnded => "-Any: another job ended",
            WaitReason.FailFast => "-FailFast: another job failed or could not be polled",
            WaitReason.Unreachable => "the server answered no poll",
            WaitReason.ServerFault => "a fault about the server or the key",
            WaitReason.ServerDark => "the timeout came while the server gave no answer",
            _ => reason.ToString(),
        };

        private static readonly string[] Labels =
            { "succeeded", "failed", "canceled", "rejected", "not found", "could not be polled", "timed out", "no longer waited for", "pending" };

        /// <summary>How the wait for a job ended, as the closing line counts it: "succeeded", "timed out", "could not be polled".</summary>
        public static string Label(JobWatch job) => job.Outcome switch
        {
            WaitOutcome.Ended => (job.End ?? JobEnd.Failed).ToString().ToLowerInvariant(),
            WaitOutcome.Error => job.Failure?.IsNotFound == true ? "not found" : "could not be polled",
            WaitOutcome.TimedOut => "timed out",
            WaitOutcome.Abandoned => "no longer waited for",
            _ => "pending",
        };

        private static int Order(string label) => Array.IndexOf(Labels, label);
    }
}
