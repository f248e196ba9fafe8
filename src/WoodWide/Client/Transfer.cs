using System;
using System.Threading;

namespace WoodWide.Client
{
    /// <summary>
    /// One attempt's timer and its byte count. Bodies and response readers report the bytes they move; under an idle
    /// timeout (<see cref="WwRequest.TimeoutIsIdle"/>) each report starts the clock again, so only a stall ends it.
    /// </summary>
    public sealed class Transfer : IDisposable
    {
        private readonly CancellationTokenSource _cancel;

        /// <summary>The timer of a clock other than the system's (a test's); null on the system clock, where the token's own timer serves.</summary>
        private readonly ITimer? _timer;
        private readonly TimeSpan _timeout;
        private readonly bool _idle;
        private readonly Action<long>? _progress;

        internal Transfer(CancellationToken caller, TimeSpan timeout, bool idle, Action<long>? progress, TimeProvider clock)
        {
            Caller = caller;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(caller);
            _timeout = timeout;
            _idle = idle;
            _progress = progress;
            // The system clock needs no timer of its own: the token source has one, and a request costs one timer less.
            if (clock == TimeProvider.System) _cancel.CancelAfter(timeout);
            else _timer = clock.CreateTimer(_ => Expire(), null, timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }

        /// <summary>The caller's own token: cancelled by the caller, never by the timeout.</summary>
        public CancellationToken Caller { get; }

        /// <summary>Cancelled by the caller or by the timeout.</summary>
        public CancellationToken Token => _cancel.Token;

        /// <summary>Bytes moved so far in this attempt.</summary>
        public long Bytes { get; private set; }

        public void Report(long bytes)
        {
            Bytes += bytes;
            if (_idle) Restart();
            _progress?.Invoke(Bytes);
        }

        private void Restart()
        {
            try
            {
                if (_timer != null) _timer.Change(_timeout, System.Threading.Timeout.InfiniteTimeSpan);
                else _cancel.CancelAfter(_timeout);
            }
            catch (ObjectDisposedException)
            {
                // The attempt is over; a late report changes nothing.
            }
        }

        private void Expire()
        {
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The attempt ended as the timer fired: nothing left to cancel.
            }
        }

        public void Dispose()
        {
            _timer?.Dispose();
            _cancel.Dispose();
        }
    }
}
