// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Sampling;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// trace.csv carries, after the measured columns, the status of each reading the core read at the row's tick: empty where
/// it was valid, a word otherwise. The trace held the readings only, so a replay fed a saturated or missing channel's
/// value as a valid reading.
/// </summary>
public sealed class TraceStatusColumnsTests : IDisposable
{
    // Two modules of two cells; module 0's cell 1 channel at the rail from 2 s for 0.3 s, module 1's current channel
    // missing from 5 s to the end. A row every tick.
    private const string Faulted = """
        { "name": "status-columns", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 8,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "trace": { "periodMs": 10 },
          "faults": [ { "atS": 2, "module": 0, "cell": 1, "kind": "saturatedChannel", "durationS": 0.3 },
                      { "atS": 5, "module": 1, "kind": "currentSensor", "mode": "missing" } ] }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edge-sim-trace-status-" + Guid.NewGuid().ToString("N"));

    public TraceStatusColumnsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void EachRowHoldsTheStatusesOfTheFrameTheCoreReadAtItsTick()
    {
        Scenario scenario = ScenarioLoader.Parse(Faulted);
        Dictionary<long, ChannelStatus[]> cellStatus = new Dictionary<long, ChannelStatus[]>();
        Dictionary<long, ChannelStatus[]> currentStatus = new Dictionary<long, ChannelStatus[]>();
        RunOptions options = new RunOptions
        {
            // The statuses the core read, seen from outside the trace: the frame it ticked on.
            Observer = o =>
            {
                cellStatus[o.TickIndex] = (ChannelStatus[])o.Frame.CellVoltageStatus.Clone();
                currentStatus[o.TickIndex] = (ChannelStatus[])o.Frame.ModuleCurrentStatus.Clone();
            },
        };
        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        string path = Path.Combine(_folder, "trace.csv");
        RunOutputWriter.WriteTrace(path, result.Trace!);

        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        Assert.Equal(
            new[] { "module0Cell0MeasuredStatus", "module0Cell1MeasuredStatus", "module1Cell0MeasuredStatus", "module1Cell1MeasuredStatus", "module0MeasuredCurrentStatus", "module1MeasuredCurrentStatus" },
            header.Skip(header.Length - 6));

        int saturatedRows = 0;
        int implausibleRows = 0;
        for (int row = 1; row < lines.Length; row++)
        {
            string[] values = lines[row].Split(',');
            long tick = (long)Math.Round(double.Parse(values[0], CultureInfo.InvariantCulture) * 100);
            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(Word(cellStatus[tick][c]), values[header.Length - 6 + c]);
            }

            for (int m = 0; m < 2; m++)
            {
                Assert.Equal(Word(currentStatus[tick][m]), values[header.Length - 2 + m]);
            }

            saturatedRows += values[^5] == "saturated" ? 1 : 0;
            implausibleRows += values[^1] == "implausible" ? 1 : 0;
        }

        // 0.3 s at the rail is 30 ticks of 10 ms, 2.00 to 2.29 s (module 0 held at the third, the run goes on for module
        // 1). Module 1's channel is missing at 5.00, 5.01 and 5.02 s, where the third such reading holds it and, with both
        // modules held, ends the run. Every other reading of the run was valid.
        Assert.Equal(30, saturatedRows);
        Assert.Equal(3, implausibleRows);
        Assert.Equal(5.02, result.SimulatedS, 9);
        Assert.Equal(33, lines.Skip(1).Sum(l => l.Split(',').Skip(header.Length - 6).Count(v => v.Length > 0)));
    }

    [Fact]
    public void ValidIsWrittenAsNothingAndEveryOtherStatusAsItsCamelCaseName()
    {
        Assert.Equal(string.Empty, TraceColumns.StatusWord(ChannelStatus.Valid));
        foreach (ChannelStatus status in Enum.GetValues<ChannelStatus>().Where(s => s != ChannelStatus.Valid))
        {
            string name = status.ToString();
            Assert.Equal(char.ToLowerInvariant(name[0]) + name.Substring(1), TraceColumns.StatusWord(status));
            Assert.True(TraceColumns.TryParseStatus(TraceColumns.StatusWord(status), out ChannelStatus read));
            Assert.Equal(status, read);
        }

        Assert.True(TraceColumns.TryParseStatus(string.Empty, out ChannelStatus valid));
        Assert.Equal(ChannelStatus.Valid, valid);
        Assert.False(TraceColumns.TryParseStatus("Saturated", out _));
        Assert.False(TraceColumns.TryParseStatus("valid", out _));
    }

    [Fact]
    public void ThinningKeepsEachKeptRowsStatuses()
    {
        // Capacity 4, adaptive: the fifth row halves the density, keeping rows 0, 2 and 4 with their own statuses.
        TraceBuffer trace = new TraceBuffer(modules: 1, cells: 2, capacity: 4, periodMs: 10, adaptive: true);
        ChannelStatus[] sequence = { ChannelStatus.Valid, ChannelStatus.Missing, ChannelStatus.Saturated, ChannelStatus.Valid, ChannelStatus.Implausible };
        for (int tick = 0; tick < 5; tick++)
        {
            int row = trace.Append(tick / 100.0);
            trace.MeasuredCellVoltageStatus[(row * 2) + 1] = sequence[tick];
            trace.MeasuredModuleCurrentStatus[row] = sequence[4 - tick];
        }

        Assert.Equal(3, trace.Count);
        Assert.Equal(new[] { ChannelStatus.Valid, ChannelStatus.Valid, ChannelStatus.Valid, ChannelStatus.Saturated, ChannelStatus.Valid, ChannelStatus.Implausible }, trace.MeasuredCellVoltageStatus.Take(6));
        Assert.Equal(new[] { ChannelStatus.Implausible, ChannelStatus.Saturated, ChannelStatus.Valid }, trace.MeasuredModuleCurrentStatus.Take(3));
    }

    private static string Word(ChannelStatus status) => status switch
    {
        ChannelStatus.Valid => string.Empty,
        ChannelStatus.Saturated => "saturated",
        ChannelStatus.Implausible => "implausible",
        _ => "?",
    };
}
