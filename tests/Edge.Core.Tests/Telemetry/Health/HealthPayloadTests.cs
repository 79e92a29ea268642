// Licensed under the MIT License.

using System.Text;
using Edge.Core.Telemetry.Health;
using Xunit;

namespace Edge.Core.Tests.Telemetry.Health;

/// <summary>
/// The health message as firmware/README.md lists it, written out by hand: a device's figures as numbers, a simulated
/// device's device-only figures as null with its execution times named host_tick_* and its provenance escaped as every
/// other text of the device's.
/// </summary>
public sealed class HealthPayloadTests
{
    [Fact]
    public void ADevicesReportIsEveryFigureInTheReadmesOrder()
    {
        HealthReport report = Figures();
        report.NativeFreeBytes = 4_000_000_000;
        report.NativeLargestFreeBlockBytes = 65_536;
        report.WatchdogTripped = true;

        Assert.Equal(
            "{\"uptime_ms\":3000000000,\"ticks\":2147483648,\"tick_overruns\":3,\"tick_max_us_since_last\":2500,"
            + "\"tick_latency_max_us_since_last\":7000,\"tick_histogram_edges_us\":[100,200,500,1000,2000,5000,10000,20000,50000],"
            + "\"tick_latency_histogram\":[0,0,1,0,0,0,1,0,0,0],\"tick_execution_histogram\":[0,0,0,0,0,2,0,0,0,0],"
            + "\"period_us\":10000,\"native_free_bytes\":4000000000,\"native_largest_block_bytes\":65536,\"outbox_free_slots\":30,"
            + "\"outbox_lost_total\":5,\"outbox_lost_replies\":2,\"commands_refused\":1,\"connections\":4,\"watchdog_tripped\":true}",
            Encoding.UTF8.GetString(HealthPayload.Encode(report)));
    }

    [Fact]
    public void ASimulatedDevicesReportHasNullsWhereOnlyADeviceHasFiguresAndSaysWhereItsFiguresComeFrom()
    {
        HealthReport report = Figures();
        report.IsSimulated = true;
        report.Provenance = "host's \"clock\"";

        // Set, yet a simulated device has none of them: not sent.
        report.NativeFreeBytes = 1;
        report.WatchdogTripped = true;

        Assert.Equal(
            "{\"uptime_ms\":3000000000,\"ticks\":2147483648,\"tick_overruns\":3,\"tick_max_us_since_last\":null,"
            + "\"tick_latency_max_us_since_last\":7000,\"tick_histogram_edges_us\":[100,200,500,1000,2000,5000,10000,20000,50000],"
            + "\"tick_latency_histogram\":[0,0,1,0,0,0,1,0,0,0],\"tick_execution_histogram\":null,"
            + "\"period_us\":10000,\"native_free_bytes\":null,\"native_largest_block_bytes\":null,\"outbox_free_slots\":30,"
            + "\"outbox_lost_total\":5,\"outbox_lost_replies\":2,\"commands_refused\":1,\"connections\":4,\"watchdog_tripped\":null,"
            + "\"host_tick_max_us_since_last\":2500,\"host_tick_execution_histogram\":[0,0,0,0,0,2,0,0,0,0],"
            + "\"provenance\":\"host's \\\"clock\\\"\"}",
            Encoding.UTF8.GetString(HealthPayload.Encode(report)));
    }

    [Fact]
    public void ALongProvenanceIsSentWhole()
    {
        HealthReport report = Figures();
        report.IsSimulated = true;
        report.Provenance = new string('\u00e9', 5_000);

        string json = Encoding.UTF8.GetString(HealthPayload.Encode(report));

        Assert.EndsWith("\"provenance\":\"" + report.Provenance + "\"}", json, StringComparison.Ordinal);
    }

    /// <summary>
    /// Figures apart from each other, past int's range where the message's field is a long: 2^31 ticks, 3e9 ms of uptime.
    /// Latencies 300 and 7000 us (bins 2 and 6 of edges 100, 200, 500, 1000, 2000, 5000, 10000, ...); two ticks of
    /// 2000 us execution (an edge: bin 5).
    /// </summary>
    private static HealthReport Figures()
    {
        HealthReport report = new HealthReport
        {
            UptimeMs = 3_000_000_000,
            TickCount = 2_147_483_648,
            TickOverrunCount = 3,
            MaximumTickUsSinceLast = 2_500,
            PeriodUs = 10_000,
            OutboxFreeSlots = 30,
            OutboxLostTotal = 5,
            OutboxLostReplies = 2,
            CommandsRefused = 1,
            ConnectionCount = 4,
        };
        Edge.Core.Timing.TickTimingStatistics timing = new Edge.Core.Timing.TickTimingStatistics();
        timing.Record(300, 2_000);
        timing.Record(7_000, 2_000);
        timing.TakeReport(report.Timing);
        return report;
    }
}
