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

        /// <summary>Seconds left as of <paramref name="now"/>, never negative; null when nothing supports a guess.</summary>
        public double? SecondsRemaining(DateTimeOffset now)
        {
            if (_apiSeconds is double api && _apiAt is DateTimeOffset apiAt)
                return Math.Max(0, api - (now - apiAt).TotalSeconds);
            if (_firstAt is not DateTimeOffset firstAt || _lastAt is not DateTimeOffset lastAt) return null;
            var elapsed = (lastAt - firstAt).TotalSeconds;
            var gained = _lastProgress - _firstProgress;
            if (elapsed <= 0 || gained <= 0) return null;
            var rate = gained / elapsed;
            return Math.Max(0, (100 - _lastProgress) / rate - (now - lastAt).TotalSeconds);
        }
    }
}
