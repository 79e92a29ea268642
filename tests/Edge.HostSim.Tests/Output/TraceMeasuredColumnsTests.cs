// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// trace.csv carries, beside each cell's true voltage and each module's true current, the millivolts and microamperes
/// the core read at the row's tick (the sample frame after the measurement chain's noise, step and rounding), in
/// columns named with their unit. The trace held only the true values, so a replay of it could not feed the core what
/// the run's core had read.
/// </summary>
public sealed class TraceMeasuredColumnsTests : IDisposable
{
    // Two modules of two cells, the default measurement chain (2 mV of noise on 1.6 mV steps, 0.5 uA on the current),
    // a row every tick.
    private const string TwoByTwo = """
        { "name": "measured-columns", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 8,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" },
          "trace": { "periodMs": 10 } }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edge-sim-trace-measured-" + Guid.NewGuid().ToString("N"));

    public TraceMeasuredColumnsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void EachRowHoldsTheFrameTheCoreReadAtItsTick()
    {
        Scenario scenario = ScenarioLoader.Parse(TwoByTwo);
        Dictionary<long, int[]> readMv = new Dictionary<long, int[]>();
        Dictionary<long, int[]> readUa = new Dictionary<long, int[]>();
        RunOptions options = new RunOptions
        {
            // What the core read, seen from outside the trace: the frame it ticked on.
            Observer = o =>
            {
                readMv[o.TickIndex] = (int[])o.Frame.CellVoltageMv.Clone();
                readUa[o.TickIndex] = (int[])o.Frame.ModuleCurrentUa.Clone();
            },
        };
        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        string path = Path.Combine(_folder, "trace.csv");
        RunOutputWriter.WriteTrace(path, result.Trace!);

        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        Assert.Equal(
            new[] { "module0Cell0MeasuredMV", "module0Cell1MeasuredMV", "module1Cell0MeasuredMV", "module1Cell1MeasuredMV", "module0MeasuredCurrentUA", "module1MeasuredCurrentUA" },
            header.Skip(header.Length - 12).Take(6));
        Assert.Equal(801, lines.Length - 1);

        double areaCm2 = scenario.Pack.AreaCm2;
        int pulseRows = 0;
        for (int row = 1; row < lines.Length; row++)
        {
            string[] values = lines[row].Split(',');
            long tick = (long)Math.Round(double.Parse(values[0], CultureInfo.InvariantCulture) * 100);
            for (int c = 0; c < 4; c++)
            {
                int mv = int.Parse(values[Array.IndexOf(header, TraceColumns.MeasuredCellVoltage(c / 2, c % 2))], CultureInfo.InvariantCulture);
                Assert.Equal(readMv[tick][c], mv);

                // A reading is the true voltage with 2 mV of noise on 1.6 mV steps: within 6 sigma and half a step of it.
                double trueMv = double.Parse(values[Array.IndexOf(header, "module" + (c / 2) + "Cell" + (c % 2) + "V")], CultureInfo.InvariantCulture) * 1000;
                Assert.InRange(mv - trueMv, -12.8, 12.8);
            }

            for (int m = 0; m < 2; m++)
            {
                int ua = int.Parse(values[Array.IndexOf(header, TraceColumns.MeasuredModuleCurrent(m))], CultureInfo.InvariantCulture);
                Assert.Equal(readUa[tick][m], ua);

                // The current read at a tick is the one that flowed over the tick before it: the previous row's current
                // from its tick on (385 uA of 1 mA/cm2 on 0.3848 cm2 in a pulse), with 0.5 uA of noise.
                if (row > 1)
                {
                    double flowedUa = double.Parse(lines[row - 1].Split(',')[Array.IndexOf(header, "module" + m + "CurrentMAPerCm2")], CultureInfo.InvariantCulture) * areaCm2 * 1000;
                    Assert.InRange(ua - flowedUa, -3.5, 3.5);
                    pulseRows += flowedUa > 300 ? 1 : 0;
                }
            }
        }

        // Three pulses of 1 s, each read at 100 ticks, in each of the two modules.
        Assert.Equal(600, pulseRows);
    }

    [Fact]
    public void ThinningKeepsEachKeptRowsMeasuredValues()
    {
        // Capacity 4, adaptive: the fifth row halves the density, keeping rows 0 and 2 (the even ones) with their own readings.
        TraceBuffer trace = new TraceBuffer(modules: 1, cells: 2, capacity: 4, periodMs: 10, adaptive: true);
        for (int tick = 0; tick < 5; tick++)
        {
            int row = trace.Append(tick / 100.0);
            trace.MeasuredCellVoltageMv[(row * 2) + 0] = 1000 + tick;
            trace.MeasuredCellVoltageMv[(row * 2) + 1] = 2000 + tick;
            trace.MeasuredModuleCurrentUa[row] = 300 + tick;
        }

        Assert.Equal(3, trace.Count);
        Assert.Equal(new[] { 1000, 2000, 1002, 2002, 1004, 2004 }, trace.MeasuredCellVoltageMv.Take(6));
        Assert.Equal(new[] { 300, 302, 304 }, trace.MeasuredModuleCurrentUa.Take(3));
    }
}
