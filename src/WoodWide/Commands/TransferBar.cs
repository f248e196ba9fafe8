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

        private readonly ProgressRecord _record;
        private readonly long _total;
        private readonly TimeProvider _clock;
        private readonly long _started;
        private TimeSpan? _drawnAt;

        public TransferBar(int activityId, string activity, long total, TimeProvider clock)
        {
            _record = new ProgressRecord(activityId, activity, "starting");
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
            _record.PercentComplete = _total > 0 ? (int)Math.Min(100, 100 * bytes / _total) : -1;
            _record.SecondsRemaining = rate > 0 ? (int)Math.Ceiling((_total - bytes) / rate) : -1;
            _record.StatusDescription = string.Format(CultureInfo.InvariantCulture, "{0} of {1} at {2}/s", ViewText.Size(bytes), ViewText.Size(_total), ViewText.Size((long)rate));
            return _record;
        }

        /// <summary>The Completed record, when the bar was drawn at all.</summary>
        public ProgressRecord? Completion()
        {
            if (!Drawn) return null;
            _record.RecordType = ProgressRecordType.Completed;
            _record.StatusDescription = "done";
            return _record;
        }
    }
}
