// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Timing;

namespace Edge.Core.Telemetry.Health
{
    /// <summary>
    /// The payload of <c>edge/&lt;id&gt;/health</c> (firmware/README.md, CONTRACT.md "health: tick timing"), for the
    /// firmware and a simulated device alike: one JSON object of <see cref="HealthFields"/>, a diagnostic message outside
    /// the contract's message rules (no <c>v</c>, <c>bootId</c> or <c>seq</c>). A simulated device's figures that only
    /// a device has are null, its execution times are named host_tick_*, and <c>provenance</c> says so
    /// (<see cref="HealthReport.IsSimulated"/>). Encoded at the health period on the network thread, never per tick.
    /// </summary>
    public static class HealthPayload
    {
        // Names, punctuation and the scalar figures (at most 20 characters each): room enough besides the arrays and
        // the provenance text, which are counted apart.
        private const int FixedBytes = 1024;

        // The longest number and its comma.
        private const int NumberBytes = 21;

        /// <summary>The UTF-8 payload of <paramref name="report"/>, exactly the message's length.</summary>
        public static byte[] Encode(HealthReport report)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            string provenance = report.Provenance;
            int capacity = FixedBytes + (4 * (TickTimingHistogram.UpperEdgesUs.Length + 1) * NumberBytes)
                + (provenance == null ? 0 : JsonByteWriter.EscapedBytes(provenance, provenance.Length));
            JsonByteWriter json = new JsonByteWriter();
            json.Reset(new byte[capacity], 0, capacity);
            bool device = !report.IsSimulated;
            TickTimingReport timing = report.Timing;
            json.BeginObject();
            json.Number(HealthFields.UptimeMs, report.UptimeMs);
            json.Number(HealthFields.Ticks, report.TickCount);
            json.Number(HealthFields.TickOverruns, report.TickOverrunCount);
            NumberOrNull(json, HealthFields.TickMaximumUsSinceLast, report.MaximumTickUsSinceLast, device);
            json.Number(HealthFields.TickLatencyMaximumUsSinceLast, timing.LatencyMaximumUs);
            json.Name(HealthFields.TickHistogramEdgesUs);
            Numbers(json, TickTimingHistogram.UpperEdgesUs);
            json.Name(HealthFields.TickLatencyHistogram);
            Histogram(json, timing.Latency);
            if (device)
            {
                json.Name(HealthFields.TickExecutionHistogram);
                Histogram(json, timing.Execution);
            }
            else
            {
                json.Null(HealthFields.TickExecutionHistogram);
            }

            json.Number(HealthFields.PeriodUs, report.PeriodUs);
            NumberOrNull(json, HealthFields.NativeFreeBytes, report.NativeFreeBytes, device);
            NumberOrNull(json, HealthFields.NativeLargestBlockBytes, report.NativeLargestFreeBlockBytes, device);
            json.Number(HealthFields.OutboxFreeSlots, report.OutboxFreeSlots);
            json.Number(HealthFields.OutboxLostTotal, report.OutboxLostTotal);
            json.Number(HealthFields.OutboxLostReplies, report.OutboxLostReplies);
            json.Number(HealthFields.CommandsRefused, report.CommandsRefused);
            json.Number(HealthFields.Connections, report.ConnectionCount);
            if (device)
            {
                json.Boolean(HealthFields.WatchdogTripped, report.WatchdogTripped);
            }
            else
            {
                json.Null(HealthFields.WatchdogTripped);
                json.Number(HealthFields.HostTickMaximumUsSinceLast, report.MaximumTickUsSinceLast);
                json.Name(HealthFields.HostTickExecutionHistogram);
                Histogram(json, timing.Execution);
            }

            if (provenance != null)
            {
                json.String(HealthFields.Provenance, provenance);
            }

            json.EndObject();
            if (json.Overflowed)
            {
                // The capacity is an upper bound of the message; reaching it is a bug, not a figure to cut.
                throw new InvalidOperationException("the health message outgrew its buffer");
            }

            // Exactly the message: a publish takes the whole array.
            byte[] payload = new byte[json.Length];
            Array.Copy(json.Buffer, 0, payload, 0, payload.Length);
            return payload;
        }

        private static void NumberOrNull(JsonByteWriter json, string name, long value, bool known)
        {
            if (known)
            {
                json.Number(name, value);
            }
            else
            {
                json.Null(name);
            }
        }

        private static void Numbers(JsonByteWriter json, int[] values)
        {
            json.BeginArray();
            for (int i = 0; i < values.Length; i++)
            {
                json.NumberValue(values[i]);
            }

            json.EndArray();
        }

        private static void Histogram(JsonByteWriter json, TickTimingHistogram histogram)
        {
            json.BeginArray();
            for (int bin = 0; bin < histogram.BinCount; bin++)
            {
                json.NumberValue(histogram.CountAt(bin));
            }

            json.EndArray();
        }
    }
}
