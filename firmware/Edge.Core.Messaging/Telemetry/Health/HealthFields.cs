// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Health
{
    /// <summary>
    /// Field names of the health message (firmware/README.md, "Health"): snake_case, units in the name. The encoder
    /// and the Home Assistant entities that read the message take them from here.
    /// </summary>
    public static class HealthFields
    {
        public const string UptimeMs = "uptime_ms";
        public const string Ticks = "ticks";
        public const string TickOverruns = "tick_overruns";
        public const string TickMaximumUsSinceLast = "tick_max_us_since_last";
        public const string TickLatencyMaximumUsSinceLast = "tick_latency_max_us_since_last";
        public const string TickHistogramEdgesUs = "tick_histogram_edges_us";
        public const string TickLatencyHistogram = "tick_latency_histogram";
        public const string TickExecutionHistogram = "tick_execution_histogram";
        public const string PeriodUs = "period_us";
        public const string NativeFreeBytes = "native_free_bytes";
        public const string NativeLargestBlockBytes = "native_largest_block_bytes";
        public const string OutboxFreeSlots = "outbox_free_slots";
        public const string OutboxLostTotal = "outbox_lost_total";
        public const string OutboxLostReplies = "outbox_lost_replies";
        public const string CommandsRefused = "commands_refused";
        public const string Connections = "connections";
        public const string WatchdogTripped = "watchdog_tripped";
        public const string HostTickMaximumUsSinceLast = "host_tick_max_us_since_last";
        public const string HostTickExecutionHistogram = "host_tick_execution_histogram";
        public const string Provenance = "provenance";
    }
}
