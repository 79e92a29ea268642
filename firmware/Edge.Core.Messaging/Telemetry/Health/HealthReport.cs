// Licensed under the MIT License.

using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Timing;

namespace Edge.Core.Telemetry.Health
{
    /// <summary>
    /// The figures of the periodic health message (topic edge/&lt;id&gt;/health, <see cref="HealthPayload"/>): uptime,
    /// sampling-loop timing, memory and message losses, as a device or a simulated device reports them. Counters are
    /// totals since boot unless named "SinceLast".
    /// </summary>
    public sealed class HealthReport
    {
        /// <summary>Milliseconds since boot.</summary>
        public long UptimeMs { get; set; }

        /// <summary>
        /// Control ticks completed since boot. A long: the device loop's int count (kept for the watchdog, which only
        /// compares it for change) wraps after 2^31 ticks, 24.8 days at a 1 ms period and 248 days at 10 ms.
        /// </summary>
        public long TickCount { get; set; }

        /// <summary>Sample periods missed or overrun since boot.</summary>
        public long TickOverrunCount { get; set; }

        /// <summary>Longest tick execution since the previous report, us (a simulated device's: on its host).</summary>
        public int MaximumTickUsSinceLast { get; set; }

        /// <summary>
        /// Release latency and execution time of the ticks since the previous report (maxima and histograms,
        /// CONTRACT.md "health: tick timing").
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
        public long CommandsRefused { get; set; }

        /// <summary>Broker connections made since boot (1 = no reconnect so far).</summary>
        public int ConnectionCount { get; set; }

        /// <summary>True when the sampling watchdog has latched the switches open.</summary>
        public bool WatchdogTripped { get; set; }

        /// <summary>
        /// A simulated device: the execution times are its host's (sent as host_tick_*), and what only a device has
        /// (execution time on the device, the native heap, the sampling watchdog) is sent as null rather than invented.
        /// </summary>
        public bool IsSimulated { get; set; }

        /// <summary>Where the figures come from, sent as <c>provenance</c>; null sends none (a device's own figures).</summary>
        public string Provenance { get; set; }

        /// <summary>Copies the outbox's free slots and its losses (streams and command replies apart).</summary>
        public void ReadOutbox(MessageOutbox outbox)
        {
            if (outbox == null)
            {
                throw new System.ArgumentNullException(nameof(outbox));
            }

            OutboxFreeSlots = outbox.FreeCount;
            long lost = 0;
            for (int stream = 0; stream < TopicSet.StreamCount; stream++)
            {
                lost += outbox.LostTotal((TopicId)stream);
            }

            OutboxLostTotal = lost;
            OutboxLostReplies = outbox.LostReplies;
        }
    }
}
