using System;

namespace WoodWide.Waiting
{
    /// <summary>
    /// Seconds left for one job: the API's own estimate when it gives one, else the observed rate of its progress,
    /// counted down from the moment it was observed.
    /// </summary>
    public sealed class EtaEstimator
    {
        private DateTimeOffset? _firstAt, _lastAt, _apiAt;
        private double _firstProgress, _lastProgress;
        private double? _apiSeconds;

        public void Observe(DateTimeOffset at, double? progress, double? apiSecondsRemaining)
        {
            _apiSeconds = apiSecondsRemaining is double s && s >= 0 && !double.IsInfinity(s) ? s : (double?)null;
            _apiAt = at;
            if (progress is not double p || double.IsNaN(p)) return;
            if (_firstAt is null || p < _lastProgress)
            {
                // First sample, or progress went back (a restart): measure the rate afresh.
                _firstAt = at;
                _firstProgress = p;
            }
            _lastAt = at;
            _lastProgress = p;
        }

        /// <summary>
        /// Progress as of <paramref name="now"/>, moved on from the last answer at the pace its estimate implies (the
        /// time left, else the rate progress rose at), never past 99 before an answer says more: what a bar shows
        /// between polls. Null before any progress was seen.
        /// </summary>
        public double? ProgressAt(DateTimeOffset now)
        {
            if (_lastAt is not DateTimeOffset at) return null;
            var since = (now - at).TotalSeconds;
            if (since <= 0) return _lastProgress;
            double rate;
            if (_apiSeconds is double left && left > 0 && _apiAt == at) rate = (100 - _lastProgress) / left;
            else if (ObservedRate() is double observed) rate = observed;
            else return _lastProgress;
            return Math.Min(_lastProgress + rate * since, Math.Max(_lastProgress, 99));
        }

        /// <summary>Seconds left as of <paramref name="now"/>, never negative; null when nothing supports a guess.</summary>
        public double? SecondsRemaining(DateTimeOffset now)
        {
            if (_apiSeconds is double api && _apiAt is DateTimeOffset apiAt)
                return Math.Max(0, api - (now - apiAt).TotalSeconds);
            if (ObservedRate() is not double rate || _lastAt is not DateTimeOffset lastAt) return null;
            return Math.Max(0, (100 - _lastProgress) / rate - (now - lastAt).TotalSeconds);
        }

        /// <summary>Percent a second that progress rose at from the first answer to the last; null unless it rose.</summary>
        private double? ObservedRate() =>
            _firstAt is DateTimeOffset first && _lastAt is DateTimeOffset last && last > first && _lastProgress > _firstProgress
                ? (_lastProgress - _firstProgress) / (last - first).TotalSeconds
                : (double?)null;
    }
}
