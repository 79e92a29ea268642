// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Health;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Session;
using Edge.Firmware.Sampling;
using Edge.Firmware.Watchdog;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Telemetry
{
    /// <summary>
    /// Fills a <see cref="HealthReport"/> from the loop statistics and the ESP32's memory figures.
    /// Forces no garbage collection: nanoFramework's only managed-heap figure comes from
    /// <c>nanoFramework.Runtime.Native.GC.Run</c>, a stop-the-world collection that would delay the
    /// sampling thread's next release every health period. The native heap is read with
    /// <see cref="NativeMemory.GetMemoryInfo"/>, which only reads the allocator's counters.
    /// </summary>
    public sealed class HealthSampler : IHealthSource
    {
        private readonly TickStatistics _statistics;
        private readonly MessageOutbox _outbox;
        private readonly CommandInbox _inbox;
        private readonly SamplingWatchdog _watchdog;
        private readonly int _periodUs;

        /// <summary>Reads <paramref name="statistics"/>, <paramref name="outbox"/>, <paramref name="inbox"/> and (if any) <paramref name="watchdog"/>.</summary>
        public HealthSampler(TickStatistics statistics, MessageOutbox outbox, CommandInbox inbox, SamplingWatchdog watchdog, int periodUs)
        {
            _statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _inbox = inbox ?? throw new ArgumentNullException(nameof(inbox));
            _watchdog = watchdog;
            _periodUs = periodUs;
        }

        /// <summary>Takes a report (allocates it: call it from the MQTT thread at the health period, never from the sampling thread).</summary>
        public HealthReport Sample(int connectionCount)
        {
            HealthReport report = new HealthReport();
            report.UptimeMs = (long)(HighResTimer.GetCurrent() / 1000UL);
            _statistics.TakeHealthFigures(report);
            report.PeriodUs = _periodUs;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out uint total, out uint free, out uint largest);
            report.NativeFreeBytes = free;
            report.NativeLargestFreeBlockBytes = largest;
            report.ReadOutbox(_outbox);
            report.CommandsRefused = _inbox.RefusedCount;
            report.ConnectionCount = connectionCount;
            report.WatchdogTripped = _watchdog != null && _watchdog.HasTripped;
            return report;
        }
    }
}
