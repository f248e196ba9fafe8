using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// Runs a wait: polls due jobs concurrently (at most a throttle at once, with no thread per job), feeds the answers
    /// to the <see cref="WaitPolicy"/>, and yields what happened, in order, on the calling thread. The caller turns
    /// events into output and nothing else; it never sees a task.
    /// </summary>
    /// <remarks>
    /// The thread sleeps until the first answer, the next due poll, the deadline, or a second's tick for the bars.
    /// Time passes through the policy's clock and the given sleep, so tests run a whole wait on a fake clock.
    /// </remarks>
    public sealed class WaitDriver
    {
        private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

        private readonly WaitPolicy _policy;
        private readonly Func<Guid, CancellationToken, Task<JobDetail>> _poll;
        private readonly Func<Exception, PollFailure?> _classify;
        private readonly int _throttleLimit;
        private readonly ProgressBoard? _board;
        private readonly Func<TimeSpan, CancellationToken, Task> _sleep;
        private readonly Func<object?, CancellationToken, Task<ListedPage>>? _list;

        /// <param name="poll">Fetches one job; may run on any thread.</param>
        /// <param name="classify">Turns a poll's exception into a failure the wait understands; null rethrows it.</param>
        /// <param name="board">Decides the progress bars; null draws none.</param>
        /// <param name="sleep">Waits out a delay; the clock's own timer unless a test gives another.</param>
        /// <param name="list">
        /// Fetches a page of the job listing after the one given (null: the first); may run on any thread. With it the
        /// policy may sweep the listing instead of polling each job (<see cref="WaitPolicy.SweepMode"/>); without it, never.
        /// </param>
        public WaitDriver(WaitPolicy policy, Func<Guid, CancellationToken, Task<JobDetail>> poll,
            Func<Exception, PollFailure?> classify, int throttleLimit, ProgressBoard? board, TimeProvider clock,
            Func<TimeSpan, CancellationToken, Task>? sleep = null, Func<object?, CancellationToken, Task<ListedPage>>? list = null)
        {
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _list = list;
            if (list != null) policy.CanSweep = true;
            _poll = poll ?? throw new ArgumentNullException(nameof(poll));
            _classify = classify ?? throw new ArgumentNullException(nameof(classify));
            _throttleLimit = Math.Max(1, throttleLimit);
            _board = board;
            _sleep = sleep ?? ((delay, token) => clock.Delay(delay, token));
        }

        public WaitPolicy Policy => _policy;

        /// <summary>
        /// The wait, one event at a time. Throws OperationCanceledException when <paramref name="cancellationToken"/>
        /// fires; polls still in flight when it ends (any way) are cancelled.
        /// </summary>
        public IEnumerable<WaitEvent> Run(CancellationToken cancellationToken)
        {
            using var polls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var inFlight = new Dictionary<Task<JobDetail>, JobWatch>();
            // A sweep's pages go one after another (each needs the one before), in one slot of the throttle.
            Task<ListedPage>? page = null;
            try
            {
                while (!_policy.IsOver)
                {
                    if (_list != null && page is null && inFlight.Count < _throttleLimit && _policy.NextSweepPage() is Sweep sweep)
                        page = List(sweep.After, polls.Token);
                    var busy = inFlight.Count + (page is null ? 0 : 1);
                    foreach (var job in _policy.TakeDue(_throttleLimit - busy))
                        inFlight.Add(Poll(job.JobId, polls.Token), job);
                    busy = inFlight.Count + (page is null ? 0 : 1);

                    // Sleep only when no answer is in yet: an answer is taken at the time it came, not a tick later.
                    if (!inFlight.Keys.Any(t => t.IsCompleted) && page?.IsCompleted != true)
                    {
                        // Wake for the next due poll, or for the next redraw of the bars, whichever comes first; with
                        // every slot taken, a due poll cannot go before an answer frees one, which ends the sleep anyway.
                        var wake = _policy.TimeUntilNextWake(pollsMayGo: busy < _throttleLimit, sweepBusy: page != null) ?? Tick;
                        var tick = _board?.UntilRefresh() ?? Tick;
                        if (tick > Tick) tick = Tick;
                        var sleep = _sleep(WholeMilliseconds(wake < tick ? wake : tick), cancellationToken);
                        var waits = inFlight.Keys.Cast<Task>().Append(sleep);
                        if (page != null) waits = waits.Append(page);
                        Task.WhenAny(waits).GetAwaiter().GetResult();
                    }
                    cancellationToken.ThrowIfCancellationRequested();

                    var answered = false;
                    var told = false;
                    if (page?.IsCompleted == true)
                    {
                        var done = page;
                        page = null;
                        answered = true;
                        foreach (var e in HarvestPage(done, cancellationToken)) { told = true; yield return e; }
                    }
                    foreach (var done in inFlight.Where(p => p.Key.IsCompleted).ToList())
                    {
                        inFlight.Remove(done.Key);
                        answered = true;
                        foreach (var e in Harvest(done.Key, done.Value, cancellationToken)) { told = true; yield return e; }
                    }
                    foreach (var e in WithBars(_policy.ExpireIfDue())) { told = true; yield return e; }
                    if (_board?.Refresh(_policy) is { Count: > 0 } bars)
                        yield return new WaitEvent(WaitEventKind.Progress, null) { Bars = bars };
                    // An answer that changed nothing still hands the caller a turn, so what it has queued meanwhile (the
                    // requests' verbose traces) is written as the answer comes, not at the next change or tick.
                    else if (answered && !told) yield return new WaitEvent(WaitEventKind.Answered, null);
                }
            }
            finally
            {
                polls.Cancel();
                // Nobody awaits these any more: observe their end so no fault goes unobserved.
                foreach (var task in inFlight.Keys) _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default);
                if (page != null) _ = page.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }
        }

        /// <summary>
        /// A nap rounded up to whole milliseconds, the system timer's unit: it truncates a shorter one to nothing and
        /// returns at once, and the loop would spin (thousands of turns a second) through the last millisecond before
        /// each paced poll. Waking a fraction of a millisecond late costs nothing.
        /// </summary>
        internal static TimeSpan WholeMilliseconds(TimeSpan nap) =>
            nap <= TimeSpan.Zero ? TimeSpan.Zero
            : TimeSpan.FromTicks((nap.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

        /// <summary>Completed records for every bar still drawn: for every way out of the wait, Ctrl+C included.</summary>
        public IReadOnlyList<BarUpdate> CompleteBars() => _board?.CompleteAll(_policy) ?? Array.Empty<BarUpdate>();

        /// <summary>Starts a poll; a poll function that throws at once counts as a poll that failed.</summary>
        private Task<JobDetail> Poll(Guid jobId, CancellationToken token) => Started(() => _poll(jobId, token));

        /// <summary>Starts a page of a sweep; a list function that throws at once counts as a page that failed.</summary>
        private Task<ListedPage> List(object? after, CancellationToken token) => Started(() => _list!(after, token));

        private static Task<T> Started<T>(Func<Task<T>> start)
        {
            try
            {
                return start();
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }

        private IEnumerable<WaitEvent> HarvestPage(Task<ListedPage> task, CancellationToken cancellationToken) =>
            Harvested(task, "A page of the job listing was cancelled.", _policy.SweepListed, _policy.SweepFailed, cancellationToken);

        private IEnumerable<WaitEvent> Harvest(Task<JobDetail> task, JobWatch job, CancellationToken cancellationToken) =>
            Harvested(task, "A poll was cancelled.", detail => _policy.Polled(job, detail), failure => _policy.PollFailed(job, failure),
                cancellationToken);

        /// <summary>
        /// What a finished request means to the policy: its answer, or its failure as the wait understands it (a cancel
        /// and a fault it does not know go up as they are).
        /// </summary>
        private IEnumerable<WaitEvent> Harvested<T>(Task<T> task, string cancelled, Func<T, IReadOnlyList<WaitEvent>> answered,
            Func<PollFailure, IReadOnlyList<WaitEvent>> failed, CancellationToken cancellationToken)
        {
            if (task.Status == TaskStatus.RanToCompletion) return WithBars(answered(task.Result));
            cancellationToken.ThrowIfCancellationRequested();
            var error = task.Exception?.GetBaseException();
            if (error is null) throw new OperationCanceledException(cancelled);
            if (_classify(error) is PollFailure failure) return WithBars(failed(failure));
            ExceptionDispatchInfo.Capture(error).Throw();
            throw error;
        }

        /// <summary>A job that ended takes its bar with it: the Completed record rides on its Ended event.</summary>
        private IReadOnlyList<WaitEvent> WithBars(IReadOnlyList<WaitEvent> events)
        {
            if (_board is null) return events;
            foreach (var e in events)
                if (e.Kind == WaitEventKind.Ended && e.Job != null) e.Bars = _board.Complete(_policy, e.Job);
            return events;
        }
    }
}
