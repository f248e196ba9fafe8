using System;

namespace WoodWide.Client
{
    /// <summary>
    /// One pace for many requests to one origin (every poll of a wait; a command's requests once the server has said
    /// too many, <see cref="SharedPace"/>): at most <see cref="Ceiling"/> a second, and when the server says too many (a
    /// 429 on any of them) every request stops until its Retry-After, and the pace halves, then grows back a tenth a
    /// second while the server lets it. So a thousand jobs find a server's limit once, together, instead of each on its
    /// own. Pure: time comes from the caller.
    /// </summary>
    public sealed class RateGate
    {
        /// <summary>The default ceiling: well above what one wait of a few jobs needs, well below a storm.</summary>
        public const double DefaultPerSecond = 50;

        /// <summary>How long the whole wait stops after a 429 that names no Retry-After; doubled for each one in a row.</summary>
        private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

        private double _tokens;
        private DateTimeOffset _at;
        private int _limitedInARow;

        /// <param name="perSecond">The ceiling.</param>
        /// <param name="startAt">The pace to start at, below the ceiling; null: the ceiling.</param>
        public RateGate(double perSecond, DateTimeOffset now, double? startAt = null)
        {
            if (!(perSecond > 0)) throw new ArgumentOutOfRangeException(nameof(perSecond), "The pace must be above 0 a second.");
            Ceiling = perSecond;
            Pace = startAt is double start && start > 0 && start < perSecond ? start : perSecond;
            // A quarter of a second's worth at once: enough to start many jobs together, too little to storm a server.
            _tokens = Math.Max(1, Pace / 4);
            _at = now;
        }

        /// <summary>The most polls a second, ever.</summary>
        public double Ceiling { get; }

        /// <summary>The polls a second allowed now: the ceiling, or less after a 429.</summary>
        public double Pace { get; private set; }

        /// <summary>No poll goes out before this (a 429's Retry-After); null when none is pending.</summary>
        public DateTimeOffset? PausedUntil { get; private set; }

        /// <summary>True while a 429's pause holds every poll back.</summary>
        public bool IsPaused(DateTimeOffset now) => PausedUntil is DateTimeOffset until && now < until;

        /// <summary>429s met in all.</summary>
        public int Limited { get; private set; }

        /// <summary>Takes leave for one poll now; false when the pace or a pause says wait.</summary>
        public bool TryTake(DateTimeOffset now)
        {
            Advance(now);
            if (IsPaused(now) || _tokens < 1) return false;
            _tokens -= 1;
            return true;
        }

        /// <summary>
        /// Takes leave for one request now or later: how long it waits for its turn (zero: it goes now). Unlike
        /// <see cref="TryTake"/> the turn is its own once given, and those asked for after it come after it, so requests
        /// that each sleep out their wait go one by one at the pace, not all together.
        /// </summary>
        public TimeSpan Reserve(DateTimeOffset now)
        {
            Advance(now);
            _tokens -= 1;
            return NotBeforePauseEnds(_tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Pace), now);
        }

        /// <summary>How long until a poll may go out; zero when one may now.</summary>
        public TimeSpan UntilNext(DateTimeOffset now)
        {
            Advance(now);
            return NotBeforePauseEnds(_tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / Pace), now);
        }

        /// <summary>A wait the pace asks for, made long enough to outlast a 429's pause.</summary>
        private TimeSpan NotBeforePauseEnds(TimeSpan wait, DateTimeOffset now) =>
            PausedUntil is DateTimeOffset until && until - now > wait ? until - now : wait;

        /// <summary>A poll met a 429: every poll waits out the pause, and the pace halves (once per pause).</summary>
        public TimeSpan Limit(DateTimeOffset now, TimeSpan? retryAfter)
        {
            Limited++;
            var pause = retryAfter ?? TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(_limitedInARow, 5)));
            if (!IsPaused(now))
            {
                _limitedInARow++;
                Pace = Math.Max(1, Pace / 2);
                _tokens = Math.Min(_tokens, 0);
            }
            var end = now + pause;
            if (PausedUntil is not DateTimeOffset current || end > current) PausedUntil = end;
            return PausedUntil.Value - now;
        }

        /// <summary>A poll was answered: the server let it through.</summary>
        public void Answered() => _limitedInARow = 0;

        private void Advance(DateTimeOffset now)
        {
            var seconds = (now - _at).TotalSeconds;
            if (seconds <= 0) return;
            // The pace grows only for time the server let polls through, not for a pause that ended in between.
            var growFrom = _at;
            _at = now;
            if (PausedUntil is DateTimeOffset until && now >= until)
            {
                if (until > growFrom) growFrom = until;
                PausedUntil = null;
            }
            if (PausedUntil is null && Pace < Ceiling) Pace = Math.Min(Ceiling, Pace * Math.Pow(1.1, (now - growFrom).TotalSeconds));
            _tokens = Math.Min(Math.Max(1, Pace / 4), _tokens + seconds * Pace);
        }
    }
}
