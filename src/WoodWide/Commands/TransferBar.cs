using System;
using System.Globalization;
using System.Management.Automation;

namespace WoodWide.Commands
{
    /// <summary>
    /// The progress bar of one upload or download: bytes moved, rate and time left. Drawn only once the transfer has
    /// taken more than a moment, at most four times a second, and completed on every way out.
    /// </summary>
    internal sealed class TransferBar
    {
        private static readonly TimeSpan Moment = TimeSpan.FromSeconds(0.5);
        private static readonly TimeSpan Redraw = TimeSpan.FromSeconds(0.25);

        private readonly int _activityId;
        private readonly string _activity;
        private readonly long _total;
        private readonly TimeProvider _clock;
        private readonly long _started;
        private TimeSpan? _drawnAt;

        public TransferBar(int activityId, string activity, long total, TimeProvider clock)
        {
            _activityId = activityId;
            _activity = activity;
            _total = total;
            _clock = clock;
            _started = clock.GetTimestamp();
        }

        public bool Drawn => _drawnAt != null;

        /// <summary>The record to draw for <paramref name="bytes"/> moved so far; null when it is not time to draw.</summary>
        public ProgressRecord? Update(long bytes)
        {
            var now = _clock.GetElapsedTime(_started);
            if (now < Moment || (_drawnAt is TimeSpan drawn && now - drawn < Redraw)) return null;
            _drawnAt = now;
            var rate = bytes / Math.Max(now.TotalSeconds, 0.001);
            // A record of its own each time: a host may keep the records it is given (a job's Progress stream does).
            return new ProgressRecord(_activityId, _activity,
                string.Format(CultureInfo.InvariantCulture, "{0} of {1} at {2}/s", ViewText.Size(bytes), ViewText.Size(_total), ViewText.Size((long)rate)))
            {
                PercentComplete = _total > 0 ? (int)Math.Min(100, 100 * bytes / _total) : -1,
                SecondsRemaining = rate > 0 ? (int)Math.Ceiling((_total - bytes) / rate) : -1,
            };
        }

        /// <summary>The Completed record, when the bar was drawn at all.</summary>
        public ProgressRecord? Completion()
        {
            return Drawn ? new ProgressRecord(_activityId, _activity, "done") { RecordType = ProgressRecordType.Completed } : null;
        }
    }
}
