// Licensed under the MIT License.

using System;
using Edge.Firmware.Sampling;
using Edge.Firmware.Watchdog;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Telemetry
{
    /// <summary>Fills a <see cref="HealthReport"/> from the loop statistics and the ESP32's memory figures.</summary>
    public sealed class HealthSampler : IHealthSource
    {
        private readonly TickStatistics _statistics;
        private readonly TelemetryOutbox _outbox;
        private readonly SamplingWatchdog _watchdog;
        private readonly int _periodUs;

        /// <summary>Reads <paramref name="statistics"/>, <paramref name="outbox"/> and (if any) <paramref name="watchdog"/>.</summary>
        public HealthSampler(TickStatistics statistics, TelemetryOutbox outbox, SamplingWatchdog watchdog, int periodUs)
        {
            _statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _watchdog = watchdog;
            _periodUs = periodUs;
        }

        /// <summary>
        /// Takes a report. Runs a (non-compacting) garbage collection to learn the free managed heap:
        /// call it from the MQTT thread, at the health period, never from the sampling thread.
        /// </summary>
        public HealthReport Sample(int connectionCount)
        {
            HealthReport report = new HealthReport();
            report.UptimeMs = (long)(HighResTimer.GetCurrent() / 1000UL);
            report.TickCount = _statistics.TickCount;
            report.TickOverrunCount = _statistics.OverrunCount;
            report.MaximumTickUsSinceLast = _statistics.TakeMaximumTickUs();
            report.PeriodUs = _periodUs;
            report.ManagedFreeBytes = nanoFramework.Runtime.Native.GC.Run(false);
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out uint total, out uint free, out uint largest);
            report.NativeFreeBytes = free;
            report.NativeLargestFreeBlockBytes = largest;
            report.OutboxOverwrittenSinceLast = _outbox.TakeOverwrittenCount();
            report.OutboxCount = _outbox.Count;
            report.ConnectionCount = connectionCount;
            report.WatchdogTripped = _watchdog != null && _watchdog.HasTripped;
            return report;
        }
    }
}
