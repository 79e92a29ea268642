// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// Exponential reconnect back-off: attempt n (1-based) waits min * 2^(n-1) milliseconds, capped at
    /// max. Doubling keeps a dead broker from being hammered while a short outage still heals within
    /// about one minimum delay; the cap bounds the wait after a long one.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _minimumMs;
        private readonly int _maximumMs;

        /// <summary>Creates the schedule; requires 1 &lt;= minimum &lt;= maximum.</summary>
        public ReconnectBackoff(int minimumMs, int maximumMs)
        {
            if (minimumMs < 1 || maximumMs < minimumMs)
            {
                throw new ArgumentOutOfRangeException(nameof(minimumMs), "Need 1 <= minimum <= maximum.");
            }

            _minimumMs = minimumMs;
            _maximumMs = maximumMs;
        }

        /// <summary>Delay before reconnect attempt <paramref name="attempt"/> (1 = first retry after a loss).</summary>
        public int DelayMs(int attempt)
        {
            if (attempt < 1)
            {
                return 0;
            }

            // Shifting beyond 30 would overflow; by then the cap applies anyway.
            long delay = (long)_minimumMs << Math.Min(attempt - 1, 30);
            return (int)Math.Min(delay, _maximumMs);
        }
    }
}
