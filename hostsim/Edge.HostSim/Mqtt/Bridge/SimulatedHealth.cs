// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.Core.Telemetry.Encoding;
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

        /// <summary>Where the figures come from, sent in every message (no apostrophe: the JSON writer would escape it as \u0027).</summary>
        public static readonly string Provenance = "simulated device: uptime_ms, ticks, tick_overruns (releases no tick answered) and the "
            + "latencies come from the simulated clock and scheduling (the runtimeHang and tickJitter faults), not a device; "
            + "host_tick_* is the execution time on this host (.NET, one tick in " + ClosedLoopRunner.ExecutionSampleTicks.ToString(CultureInfo.InvariantCulture)
            + " timed), not on the device; null: no counterpart in a simulation (execution time on the device, the ESP32 heap, the sampling watchdog)";

        private readonly TickTimingStatistics _timing = new TickTimingStatistics();
        private readonly TickTimingReport _report = new TickTimingReport();
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
        public byte[] Take(long nowMs, MessageOutbox outbox, int commandsRefused, int connections)
        {
            ArgumentNullException.ThrowIfNull(outbox);
            _lastReportMs = nowMs;
            _reported = true;
            long ticks = _timing.TicksTotal;
            _timing.TakeReport(_report);
            long lost = 0;
            for (int stream = 0; stream < TopicSet.StreamCount; stream++)
            {
                lost += outbox.LostTotal((TopicId)stream);
            }

            using MemoryStream buffer = new MemoryStream(768);
            using (Utf8JsonWriter json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("uptime_ms", nowMs);
                json.WriteNumber("ticks", ticks);
                json.WriteNumber("tick_overruns", _missedReleases);
                json.WriteNull("tick_max_us_since_last");
                json.WriteNumber("tick_latency_max_us_since_last", _report.LatencyMaximumUs);
                WriteArray(json, "tick_histogram_edges_us", TickTimingHistogram.UpperEdgesUs);
                WriteHistogram(json, "tick_latency_histogram", _report.Latency);
                json.WriteNull("tick_execution_histogram");
                json.WriteNumber("period_us", _samplePeriodUs);
                json.WriteNull("native_free_bytes");
                json.WriteNull("native_largest_block_bytes");
                json.WriteNumber("outbox_free_slots", outbox.FreeCount);
                json.WriteNumber("outbox_lost_total", lost);
                json.WriteNumber("outbox_lost_replies", outbox.LostReplies);
                json.WriteNumber("commands_refused", commandsRefused);
                json.WriteNumber("connections", connections);
                json.WriteNull("watchdog_tripped");
                json.WriteNumber("host_tick_max_us_since_last", _report.ExecutionMaximumUs);
                WriteHistogram(json, "host_tick_execution_histogram", _report.Execution);
                json.WriteString("provenance", Provenance);
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static void WriteArray(Utf8JsonWriter json, string name, int[] values)
        {
            json.WriteStartArray(name);
            foreach (int value in values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }

        private static void WriteHistogram(Utf8JsonWriter json, string name, TickTimingHistogram histogram)
        {
            json.WriteStartArray(name);
            for (int bin = 0; bin < histogram.BinCount; bin++)
            {
                json.WriteNumberValue(histogram.CountAt(bin));
            }

            json.WriteEndArray();
        }
    }
}
