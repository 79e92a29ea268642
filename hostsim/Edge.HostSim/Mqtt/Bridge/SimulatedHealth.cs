// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Telemetry.Health;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Timing;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// The device's periodic <c>health</c> message (firmware/README.md, CONTRACT.md "health: tick timing") for a
    /// simulated device, so a dashboard fed by a simulation sees tick health as it would a device's. Same topic,
    /// field names and cadence as the firmware's (at every connection, then every <see cref="DefaultPeriodMs"/> of
    /// device time while online), on the simulated clock. Figures the simulation has are filled: uptime, ticks and
    /// missed releases, release latencies as the simulated scheduling made them, the outbox and connection counters.
    /// Figures it has no counterpart of are null rather than invented: the device's execution time (a simulated
    /// tick takes no simulated time; this host's time goes in <c>host_tick_*</c> instead), the ESP32's native heap
    /// and the firmware's sampling watchdog. <c>provenance</c> says so in every message.
    /// Fed from the tick thread only.
    /// </summary>
    public sealed class SimulatedHealth
    {
        /// <summary>The firmware's default <c>health_period_s</c> (30 s), ms of device time.</summary>
        public const int DefaultPeriodMs = 30_000;

        /// <summary>Where the figures come from, sent in every message.</summary>
        public static readonly string Provenance = "simulated device: uptime_ms, ticks, tick_overruns (releases no tick answered) and the "
            + "latencies come from the simulated clock and scheduling (the runtimeHang and tickJitter faults), not a device; "
            + "host_tick_* is the execution time on this host (.NET, one tick in " + ClosedLoopRunner.ExecutionSampleTicks.ToString(CultureInfo.InvariantCulture)
            + " timed), not on the device; null: no counterpart in a simulation (execution time on the device, the ESP32 heap, the sampling watchdog)";

        private readonly TickTimingStatistics _timing = new TickTimingStatistics();
        private readonly int _periodMs;
        private readonly int _samplePeriodUs;
        private long _missedReleases;
        private long _lastReportMs;
        private bool _reported;

        /// <param name="samplePeriodUs">The controller's sample period, us (<c>period_us</c>).</param>
        /// <param name="periodMs">Device time between two messages, ms.</param>
        public SimulatedHealth(int samplePeriodUs, int periodMs = DefaultPeriodMs)
        {
            if (periodMs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(periodMs), periodMs, "the health period must be at least 1 ms");
            }

            _samplePeriodUs = samplePeriodUs;
            _periodMs = periodMs;
        }

        /// <summary>Counts one release: a tick with its latency and host execution time, or a release no tick answered.</summary>
        public void Record(TickObservation observation)
        {
            if (observation.Ticked)
            {
                _timing.Record(observation.ReleaseLatencyUs, observation.HostExecutionUs);
            }
            else
            {
                _missedReleases++;
            }
        }

        /// <summary>
        /// Whether a message is due at device time <paramref name="nowMs"/>: at once after a (re)connection, as the
        /// firmware sends one as soon as a session opens, else one period after the previous message.
        /// </summary>
        public bool IsDue(long nowMs, bool connectedSinceLast)
        {
            return connectedSinceLast || (_reported && nowMs - _lastReportMs >= _periodMs);
        }

        /// <summary>Takes the message at device time <paramref name="nowMs"/>: totals since boot, tick timing since the previous message (which starts a new period).</summary>
        public byte[] Take(long nowMs, MessageOutbox outbox, long commandsRefused, int connections)
        {
            ArgumentNullException.ThrowIfNull(outbox);
            _lastReportMs = nowMs;
            _reported = true;
            HealthReport report = new HealthReport
            {
                IsSimulated = true,
                Provenance = Provenance,
                UptimeMs = nowMs,
                TickCount = _timing.TicksTotal,
                TickOverrunCount = _missedReleases,
                PeriodUs = _samplePeriodUs,
                CommandsRefused = commandsRefused,
                ConnectionCount = connections,
            };
            _timing.TakeReport(report.Timing);
            report.MaximumTickUsSinceLast = report.Timing.ExecutionMaximumUs;
            report.ReadOutbox(outbox);
            return HealthPayload.Encode(report);
        }
    }
}
