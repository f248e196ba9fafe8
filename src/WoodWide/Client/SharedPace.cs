using System;
using System.Collections.Generic;

namespace WoodWide.Client
{
    /// <summary>
    /// The pace of one command's requests, which is none until the server says too many: a command of 1,000 GETs
    /// goes as fast as its throttle lets it. The first 429 holds every request until its pause is over (its
    /// Retry-After), and sets the pace at its end: what the server answered from a second before the 429 until then
    /// (the answers of requests already in flight come during the pause, often after the 429s). From then on one
    /// <see cref="RateGate"/> gives every request its turn, halves the pace at each later 429 and grows it back while
    /// the server answers. Without it, 16 requests in flight against a limit of 3 a second each waited out their own
    /// Retry-After, went again together, and spent their retries on one another: the command stopped after 12 of 30 ids.
    /// Thread-safe: requests ask and report on any thread. A wait's polls do not come here
    /// (<see cref="RetryPolicy.RetryRateLimits"/> off): the wait paces them itself, with its own gate.
    /// </summary>
    public sealed class SharedPace
    {
        /// <summary>The ceiling the pace grows back to: far above any server's limit, so it never holds a command back by itself.</summary>
        public const double Ceiling = 10_000;

        private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);

        private readonly object _lock = new object();
        private readonly Queue<DateTimeOffset> _answers = new Queue<DateTimeOffset>();
        private DateTimeOffset? _firstLimitAt;
        private DateTimeOffset _firstPauseEnd;
        private RateGate? _gate;
        private double? _paceToTell;

        /// <summary>The requests a second allowed now; null until the first 429's pause is over (no pace before it).</summary>
        public double? Pace
        {
            get { lock (_lock) return _gate?.Pace; }
        }

        /// <summary>
        /// A turn for one request at <paramref name="now"/>: how long it waits before it goes (zero at once, always so
        /// before the first 429), and whether the turn is its own. A turn asked for during the first 429's pause is not
        /// (the pace is not known until its end): the request asks again then, with <paramref name="final"/>, which
        /// sets the pace even if the clock says the pause still holds.
        /// </summary>
        public (TimeSpan Wait, bool Taken) Reserve(DateTimeOffset now, bool final = false)
        {
            lock (_lock)
            {
                if (_gate is null)
                {
                    if (_firstLimitAt is null) return (TimeSpan.Zero, true);
                    if (now < _firstPauseEnd && !final) return (_firstPauseEnd - now, false);
                    while (_answers.Count > 0 && _answers.Peek() < _firstLimitAt.Value - Window) _answers.Dequeue();
                    // A second's worth of the server's answers while every request went at once: its limit, near enough.
                    _gate = new RateGate(Ceiling, now, startAt: Math.Max(1, _answers.Count));
                    _answers.Clear();
                    _paceToTell = _gate.Pace;
                }
                var wait = _gate.Reserve(now);
                if (now < _firstPauseEnd && _firstPauseEnd - now > wait) wait = _firstPauseEnd - now;
                return (wait, true);
            }
        }

        /// <summary>
        /// The pace when it was set or cut since last asked, once (null otherwise), for the -Verbose line of the request
        /// that asks: without it a command held back by a server's limit only seems slow. Its growing back is not told.
        /// </summary>
        public double? TakeNews()
        {
            lock (_lock)
            {
                var news = _paceToTell;
                _paceToTell = null;
                return news;
            }
        }

        /// <summary>The server answered a request (not with a 429): it let it through.</summary>
        public void Answered(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_gate != null)
                {
                    _gate.Answered();
                    return;
                }
                _answers.Enqueue(now);
                if (_firstLimitAt is null)
                    while (now - _answers.Peek() > Window) _answers.Dequeue();
            }
        }

        /// <summary>A request met a 429: every request waits out its pause; the first sets the pace at its end, a later one halves it.</summary>
        public void Limited(DateTimeOffset now, TimeSpan? retryAfter)
        {
            lock (_lock)
            {
                if (_gate != null)
                {
                    var before = _gate.Pace;
                    _gate.Limit(now, retryAfter);
                    if (_gate.Pace < before) _paceToTell = _gate.Pace;
                    return;
                }
                _firstLimitAt ??= now;
                var end = now + (retryAfter ?? FirstPause);
                if (end > _firstPauseEnd) _firstPauseEnd = end;
            }
        }
    }
}
