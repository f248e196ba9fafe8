using System;

namespace WoodWide.Client
{
    /// <summary>
    /// A <see cref="Random"/> that many threads may draw from at once: the retry jitter of up to a throttle's worth of
    /// concurrent requests. System.Random is not thread-safe; drawn from concurrently, it can break and return 0 for
    /// ever after (every retry then waits the same, in step with the others). netstandard2.0 has no Random.Shared.
    /// </summary>
    internal sealed class LockedRandom : Random
    {
        private readonly object _gate = new object();

        public LockedRandom()
        {
        }

        public LockedRandom(int seed) : base(seed)
        {
        }

        public override double NextDouble()
        {
            lock (_gate) return base.NextDouble();
        }

        public override int Next()
        {
            lock (_gate) return base.Next();
        }

        public override int Next(int maxValue)
        {
            lock (_gate) return base.Next(maxValue);
        }

        public override int Next(int minValue, int maxValue)
        {
            lock (_gate) return base.Next(minValue, maxValue);
        }

        public override void NextBytes(byte[] buffer)
        {
            lock (_gate) base.NextBytes(buffer);
        }

        protected override double Sample()
        {
            lock (_gate) return base.Sample();
        }
    }
}
