// Licensed under the MIT License.

using System;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// Exponential back-off between connection attempts: the first retry after
    /// <see cref="InitialDelayMs"/>, each failure doubles the wait up to <see cref="MaximumDelayMs"/>,
    /// a success starts over. The device never reboots over a lost network: it keeps controlling
    /// and keeps retrying at this pace.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private int _failures;

        /// <summary>Uses <paramref name="initialDelayMs"/> and <paramref name="maximumDelayMs"/>.</summary>
        public ReconnectBackoff(int initialDelayMs, int maximumDelayMs)
        {
            if (initialDelayMs < 1 || maximumDelayMs < initialDelayMs)
            {
                throw new ArgumentOutOfRangeException(nameof(initialDelayMs));
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

        /// <summary>Records a failed attempt and returns how long to wait before the next, ms.</summary>
        public int NextDelayMs()
        {
            int delay = InitialDelayMs;
            for (int i = 0; i < _failures && delay < MaximumDelayMs; i++)
            {
                delay = delay > MaximumDelayMs / 2 ? MaximumDelayMs : delay * 2;
            }

            _failures++;
            return delay < MaximumDelayMs ? delay : MaximumDelayMs;
        }

        /// <summary>Records a success: the next failure waits <see cref="InitialDelayMs"/> again.</summary>
        public void Reset()
        {
            _failures = 0;
        }
    }
}
