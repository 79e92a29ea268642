// Licensed under the MIT License.

using System.Text;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Timing;
using Edge.Firmware.Sampling;

namespace Edge.Firmware.Telemetry
{
    /// <summary>
    /// The periodic health message (topic edge/&lt;id&gt;/health): uptime, sampling-loop timing,
    /// memory and queue losses. Field names carry units; counters are totals since boot unless
    /// named "_since_last".
    /// </summary>
    public sealed class HealthReport
    {
        /// <summary>Milliseconds since boot.</summary>
        public long UptimeMs { get; set; }

        /// <summary>
        /// Control ticks completed since boot. A long: the loop's int count (kept for the watchdog, which only
        /// compares it for change) wraps after 2^31 ticks, 24.8 days at a 1 ms period and 248 days at 10 ms.
        /// </summary>
        public long TickCount { get; set; }

        /// <summary>Sample periods missed or overrun since boot.</summary>
        public int TickOverrunCount { get; set; }

        /// <summary>Longest tick since the previous report, us.</summary>
        public int MaximumTickUsSinceLast { get; set; }

        /// <summary>
        /// Release latency and execution time of the ticks since the previous report (maxima and
        /// histograms, CONTRACT.md "health: tick timing").
        /// </summary>
        public TickTimingReport Timing { get; } = new TickTimingReport();

        /// <summary>Sample period, us.</summary>
        public int PeriodUs { get; set; }

        /// <summary>Free native internal RAM, bytes (ESP-IDF heap).</summary>
        public uint NativeFreeBytes { get; set; }

        /// <summary>Largest free native block, bytes: fragmentation shows as this falling while free stays.</summary>
        public uint NativeLargestFreeBlockBytes { get; set; }

        /// <summary>Free outbox slots (the core's MessageOutbox).</summary>
        public int OutboxFreeSlots { get; set; }

        /// <summary>Messages the outbox dropped since boot, all streams (each loss is also an outboxOverflow event).</summary>
        public long OutboxLostTotal { get; set; }

        /// <summary>
        /// Command replies lost since boot: refused by the broker, or evicted by other replies during an outage.
        /// Counted apart from <see cref="OutboxLostTotal"/> because an operator whose command went unanswered
        /// needs to know the device did not drop it silently.
        /// </summary>
        public long OutboxLostReplies { get; set; }

        /// <summary>Commands refused because the inbox was full, since boot.</summary>
        public int CommandsRefused { get; set; }

        /// <summary>Broker connections made since boot (1 = no reconnect so far).</summary>
        public int ConnectionCount { get; set; }

        /// <summary>True when the watchdog has latched the switches open.</summary>
        public bool WatchdogTripped { get; set; }

        /// <summary>JSON text of the report.</summary>
        public string ToJson()
        {
            StringBuilder json = new StringBuilder(640);
            json.Append("{\"uptime_ms\":").Append(UptimeMs);
            json.Append(",\"ticks\":").Append(TickCount);
            json.Append(",\"tick_overruns\":").Append(TickOverrunCount);
            json.Append(",\"tick_max_us_since_last\":").Append(MaximumTickUsSinceLast);
            json.Append(",\"tick_latency_max_us_since_last\":").Append(Timing.LatencyMaximumUs);
            json.Append(",\"tick_histogram_edges_us\":");
            AppendArray(json, TickTimingHistogram.UpperEdgesUs);
            json.Append(",\"tick_latency_histogram\":");
            AppendHistogram(json, Timing.Latency);
            json.Append(",\"tick_execution_histogram\":");
            AppendHistogram(json, Timing.Execution);
            json.Append(",\"period_us\":").Append(PeriodUs);
            json.Append(",\"native_free_bytes\":").Append(NativeFreeBytes);
            json.Append(",\"native_largest_block_bytes\":").Append(NativeLargestFreeBlockBytes);
            json.Append(",\"outbox_free_slots\":").Append(OutboxFreeSlots);
            json.Append(",\"outbox_lost_total\":").Append(OutboxLostTotal);
            json.Append(",\"outbox_lost_replies\":").Append(OutboxLostReplies);
            json.Append(",\"commands_refused\":").Append(CommandsRefused);
            json.Append(",\"connections\":").Append(ConnectionCount);
            json.Append(",\"watchdog_tripped\":").Append(WatchdogTripped ? "true" : "false");
            json.Append('}');
            return json.ToString();
        }

        /// <summary>
        /// Copies the sampling loop's figures: ticks and overruns since boot, and the longest tick and the
        /// tick timing since the previous report (both start a new period).
        /// </summary>
        public void ReadLoop(TickStatistics statistics)
        {
            TickCount = statistics.Timing.TicksTotal;
            TickOverrunCount = statistics.OverrunCount;
            MaximumTickUsSinceLast = statistics.TakeMaximumTickUs();
            statistics.Timing.TakeReport(Timing);
        }

        /// <summary>Copies the outbox's free slots and its losses (streams and command replies apart).</summary>
        public void ReadOutbox(MessageOutbox outbox)
        {
            OutboxFreeSlots = outbox.FreeCount;
            long lost = 0;
            for (int stream = 0; stream < TopicSet.StreamCount; stream++)
            {
                lost += outbox.LostTotal((TopicId)stream);
            }

            OutboxLostTotal = lost;
            OutboxLostReplies = outbox.LostReplies;
        }

        private static void AppendArray(StringBuilder json, int[] values)
        {
            json.Append('[');
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                json.Append(values[i]);
            }

            json.Append(']');
        }

        private static void AppendHistogram(StringBuilder json, TickTimingHistogram histogram)
        {
            json.Append('[');
            for (int i = 0; i < histogram.BinCount; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                json.Append(histogram.CountAt(i));
            }

            json.Append(']');
        }
    }
}
