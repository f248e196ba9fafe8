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
        private readonly ITimer _timer;
        private readonly TimeSpan _timeout;
        private readonly bool _idle;
        private readonly Action<long>? _progress;

        internal Transfer(CancellationToken caller, TimeSpan timeout, bool idle, Action<long>? progress, TimeProvider clock)
        {
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(caller);
            _timeout = timeout;
            _idle = idle;
            _progress = progress;
            _timer = clock.CreateTimer(_ => Expire(), null, timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }

        /// <summary>Cancelled by the caller or by the timeout.</summary>
        public CancellationToken Token => _cancel.Token;

        /// <summary>Bytes moved so far in this attempt.</summary>
        public long Bytes { get; private set; }

        /// <summary>True once the timeout, not the caller, cancelled the attempt.</summary>
        public bool TimedOut { get; private set; }

        public void Report(long bytes)
        {
            Bytes += bytes;
            if (_idle) _timer.Change(_timeout, System.Threading.Timeout.InfiniteTimeSpan);
            _progress?.Invoke(Bytes);
        }

        private void Expire()
        {
            try
            {
                TimedOut = true;
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The attempt ended as the timer fired: nothing left to cancel.
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            _cancel.Dispose();
        }
    }
}
