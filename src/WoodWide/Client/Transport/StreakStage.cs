using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// The fault model's classifier: tells the command's <see cref="FailureStreak"/> how each call ended after its
    /// retries, so that the same failure met by several different items in a row is known as the server's, not one
    /// item's. A resource read again is the same item; each request that creates something is an item of its own.
    /// </summary>
    internal sealed class StreakStage
    {
        private readonly FailureStreak _streak;
        private long _creates;

        public StreakStage(FailureStreak streak) => _streak = streak;

        public async Task<T> RunAsync<T>(WwRequest request, Uri target, Func<Task<T>> call)
        {
            var item = request.Idempotent
                ? target.AbsoluteUri
                : target.AbsoluteUri + "#" + Interlocked.Increment(ref _creates).ToString(CultureInfo.InvariantCulture);
            try
            {
                var result = await call().ConfigureAwait(false);
                _streak.Answered();
                return result;
            }
            catch (WwApiException e)
            {
                _streak.Failed(item, e);
                throw;
            }
        }
    }
}
