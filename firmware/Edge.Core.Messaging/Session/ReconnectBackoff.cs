// Licensed under the MIT License.

using System;

namespace Edge.Core.Session
{
    /// <summary>
    /// Exponential back-off between connection attempts, the one schedule of the device session and the
    /// host's MQTT clients: the first retry after <see cref="InitialDelayMs"/>, each further failure
    /// doubles the wait up to <see cref="MaximumDelayMs"/>. The device session starts over (<see cref="Reset"/>)
    /// only once a connection has stayed up for a keep-alive period: one that the broker drops right after
    /// opening counts as a failure, so it is not retried every initial delay forever. Doubling keeps a dead
    /// broker from being hammered while a short outage still heals within about one initial delay; the
    /// cap bounds the wait after a long one. A device never reboots over a lost broker: it keeps
    /// controlling and keeps retrying at this pace.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        /// <summary>The contract's first wait, ms (CONTRACT.md, Connection).</summary>
        public const int DefaultInitialDelayMs = 1000;

        /// <summary>The contract's longest wait, ms.</summary>
        public const int DefaultMaximumDelayMs = 30000;

        private int _failures;

        /// <summary>The contract's schedule: 1 s doubling to 30 s.</summary>
        public ReconnectBackoff()
            : this(DefaultInitialDelayMs, DefaultMaximumDelayMs)
        {
        }

        /// <summary>Uses <paramref name="initialDelayMs"/> and <paramref name="maximumDelayMs"/> (1 &lt;= initial &lt;= maximum).</summary>
        public ReconnectBackoff(int initialDelayMs, int maximumDelayMs)
        {
            if (initialDelayMs < 1 || maximumDelayMs < initialDelayMs)
            {
                throw new ArgumentOutOfRangeException(nameof(initialDelayMs), "need 1 <= initial <= maximum");
            }

            InitialDelayMs = initialDelayMs;
            MaximumDelayMs = maximumDelayMs;
        }

        /// <summary>Wait after the first failure, ms.</summary>
        public int InitialDelayMs { get; }

        /// <summary>Longest wait, ms.</summary>
        public int MaximumDelayMs { get; }

        /// <summary>Failures since the last success.</summary>
        public int FailureCount
        {
            get { return _failures; }
        }

        /// <summary>Wait before retry <paramref name="attempt"/> (1 = the first retry after a failure), ms; 0 for attempt 0.</summary>
        public int DelayMs(int attempt)
        {
            if (attempt < 1)
            {
                return 0;
            }

            int delay = InitialDelayMs;
            for (int i = 1; i < attempt && delay < MaximumDelayMs; i++)
            {
                delay = delay > MaximumDelayMs / 2 ? MaximumDelayMs : delay * 2;
            }

            return delay < MaximumDelayMs ? delay : MaximumDelayMs;
        }

        /// <summary>Records a failed attempt and returns how long to wait before the next, ms.</summary>
        public int NextDelayMs()
        {
            _failures++;
            return DelayMs(_failures);
        }

        /// <summary>Records a success: the next failure waits <see cref="InitialDelayMs"/> again.</summary>
        public void Reset()
        {
            _failures = 0;
        }
    }
}
