// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Sampling;
using Edge.Core.Tests.Boards;
using Edge.HostSim.Faults;
using Edge.HostSim.Measurement;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// The muxSelectLine fault (hostsim/README.md, faults) on the mux board revised for the address check (cells on
/// multiplexer inputs 1-6, ground on 0 and 7, the currents, the NTC and REF on ADC pins of their own): the readings a
/// stuck line produces, and the closed loop against it.
/// </summary>
public sealed class MuxSelectLineInjectionTests
{
    private static readonly double[] CellVolts = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 };

    private static (SampleFrame Frame, BoardMeasurementChain Chain) Chain()
    {
        Assert.True(BoardParser.TryParse(RevisedMuxBoards.With4051(), out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        return (new SampleFrame(layout), new BoardMeasurementChain(board, Esp32AdcModel.Default, null, 0.0, 1));
    }

    [Theory]
    // S2 high: address a reads input a | 4. Cells 0 and 1 (inputs 1, 2) read inputs 5 and 6, cells 4 and 5; cell 2
    // (input 3) reads input 7, ground; ground 0 reads input 4, cell 3.
    [InlineData(2, true, new[] { 0.5, 0.6, double.NaN, 0.4, 0.5, 0.6 }, 3)]
    // S0 low: address a reads input a & ~1. Cell 0 (input 1) reads ground 0; cells 2 and 4 (inputs 3, 5) read inputs 2
    // and 4, cells 1 and 3; ground 7 reads input 6, cell 5.
    [InlineData(0, false, new[] { double.NaN, 0.2, 0.2, 0.4, 0.4, 0.6 }, 5)]
    public void Each_multiplexed_channel_reads_the_input_its_address_reaches_with_the_bit_forced(int line, bool high, double[] readVolts, int groundReadsCell)
    {
        (SampleFrame frame, BoardMeasurementChain chain) = Chain();
        int[] currents = { 385, 0, 0 };

        chain.Convert(CellVolts, currents, frame);
        Assert.False(frame.MuxAddressFault);
        for (int c = 0; c < 6; c++)
        {
            // The board's nominal points on the typical chip without noise: within a few mV of the cell.
            Assert.InRange(frame.CellVoltageMv[c], (CellVolts[c] * 1000) - 5, (CellVolts[c] * 1000) + 5);
        }

        int currentUa = frame.ModuleCurrentUa[0];
        if (high)
        {
            chain.SelectLinesStuckHigh = 1 << line;
        }
        else
        {
            chain.SelectLinesStuckLow = 1 << line;
        }

        chain.Convert(CellVolts, currents, frame);

        for (int c = 0; c < 6; c++)
        {
            if (double.IsNaN(readVolts[c]))
            {
                // Ground: 0 counts, the rail.
                Assert.Equal(ChannelStatus.Implausible, frame.CellVoltageStatus[c]);
                Assert.True(frame.CellVoltageMv[c] < -3000, "cell " + c + " reads ground");
                continue;
            }

            Assert.InRange(frame.CellVoltageMv[c], (readVolts[c] * 1000) - 5, (readVolts[c] * 1000) + 5);
        }

        // The ground input at the stuck line's address reads that cell: REF + 0.33 x its voltage, on the typical chip
        // (1225 + 0.33 x V - 142) / 0.80564 counts. The current on its own pin reads as before.
        double expectedCounts = (1225 + (330 * CellVolts[groundReadsCell]) - 142) / 0.80564;
        Assert.True(frame.MuxAddressFault);
        Assert.InRange(frame.MuxReferenceCounts, expectedCounts - 3, expectedCounts + 3);
        Assert.Equal(currentUa, frame.ModuleCurrentUa[0]);
        Assert.Equal(ChannelStatus.Valid, frame.ModuleCurrentStatus[0]);

        // Released, every channel reads its own input again.
        chain.SelectLinesStuckHigh = 0;
        chain.SelectLinesStuckLow = 0;
        chain.Convert(CellVolts, currents, frame);
        Assert.False(frame.MuxAddressFault);
        Assert.InRange(frame.CellVoltageMv[0], 95, 105);
    }

    private static Scenario Run(string faults) => ScenarioLoader.Parse(
        """
        { "name": "mux-line", "seed": 5, "timeLimitS": 140,
          "pack": { "modules": 3, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "act" },
          "measurement": { "board": "grounded.board" },
          "faults": [ FAULTS ] }
        """.Replace("FAULTS", faults),
        null,
        new Dictionary<string, string> { ["grounded.board"] = RevisedMuxBoards.With4051() });

    /// <summary>Every tick's time, whether the address check failed, and whether any switch was closed.</summary>
    private sealed class Watch
    {
        public List<(double TimeS, bool MuxFault, bool AnyClosed)> Ticks { get; } = new();

        public RunOptions Options => new RunOptions
        {
            RecordTrace = false,
            Observer = o => Ticks.Add((Math.Round(o.TimeS, 3), o.Frame.MuxAddressFault, o.Actions.SwitchClosed.Any(closed => closed))),
        };
    }

    /// <summary>The first sample the fault acts on, during a pulse (checked: a switch closed on the tick before).</summary>
    private static double PulseSampleS(Watch healthy)
    {
        (double timeS, _, _) = healthy.Ticks.First(t => t.TimeS >= 120 && t.AnyClosed);
        return Math.Round(timeS + 0.2, 3);
    }

    [Theory]
    [InlineData(0, "high")]
    [InlineData(1, "high")]
    [InlineData(2, "high")]
    [InlineData(0, "low")]
    [InlineData(1, "low")]
    [InlineData(2, "low")]
    public void A_stuck_line_during_a_pulse_opens_every_switch_at_its_first_sample_and_latches_at_the_third(int line, string level)
    {
        var healthy = new Watch();
        new ClosedLoopRunner(Run(string.Empty), healthy.Options).Run();
        double atS = PulseSampleS(healthy);
        Assert.True(healthy.Ticks.Single(t => t.TimeS == Math.Round(atS - 0.02, 3)).AnyClosed, "a pulse runs into the fault");

        var faulty = new Watch();
        SimulationResult result = new ClosedLoopRunner(Run("{ \"atS\": AT, \"kind\": \"muxSelectLine\", \"line\": LINE, \"level\": \"LEVEL\" }"
            .Replace("AT", atS.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("LINE", line.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("LEVEL", level)), faulty.Options).Run();

        // The board's 20 ms ticks: the check fails from the fault's first sample on; every switch is open in that tick and
        // after; the one fault of the run latches at the third reading, 40 ms on, and holds every module.
        Assert.All(faulty.Ticks.Where(t => t.TimeS < atS), t => Assert.False(t.MuxFault));
        Assert.All(faulty.Ticks.Where(t => t.TimeS >= atS), t => Assert.True(t.MuxFault));
        Assert.All(faulty.Ticks.Where(t => t.TimeS >= atS), t => Assert.False(t.AnyClosed, "a switch closed at " + t.TimeS + " s"));
        SimulationEvent fault = Assert.Single(result.Events, e => e.Severity == "fault");
        Assert.Equal(("muxAddressFault", -1), (fault.Diagnosis, fault.Module));
        Assert.Equal(atS + 0.04, fault.TS, 3);
        Assert.All(result.Modules, m => Assert.Equal("hold", m.State));
    }

    [Fact]
    public void An_overcurrent_reading_behind_a_stuck_line_is_judged_before_the_check_latches()
    {
        // Module 1's current reads 2000 uA high from the stuck line's first sample (past the 1925 uA module limit with the
        // pulse, and through the open switch past the 50 uA open-switch limit): its channel sits on an ADC pin of its own,
        // so it is judged on every tick of the check's three, and latches at its second reading, 20 ms before the check.
        var healthy = new Watch();
        new ClosedLoopRunner(Run(string.Empty), healthy.Options).Run();
        double atS = PulseSampleS(healthy);
        string at = atS.ToString(System.Globalization.CultureInfo.InvariantCulture);

        SimulationResult result = new ClosedLoopRunner(Run(
            "{ \"atS\": " + at + ", \"kind\": \"muxSelectLine\", \"line\": 1, \"level\": \"high\" }, " +
            "{ \"atS\": " + at + ", \"module\": 1, \"kind\": \"currentSensor\", \"mode\": \"offset\", \"offsetUa\": 2000 }"),
            new RunOptions { RecordTrace = false }).Run();

        SimulationEvent overcurrent = result.Events.First(e => e.Severity == "fault");
        Assert.Equal(("moduleOvercurrent", 1), (overcurrent.Diagnosis, overcurrent.Module));
        Assert.Equal(atS + 0.02, overcurrent.TS, 3);
        SimulationEvent mux = Assert.Single(result.Events, e => e.Diagnosis == "muxAddressFault");
        Assert.Equal(atS + 0.04, mux.TS, 3);
    }

    [Theory]
    [InlineData(3, "low")]
    [InlineData(0, "high")]
    [InlineData(1, "high")]
    [InlineData(2, "high")]
    public void A_sensor_read_through_a_stuck_line_is_no_reading_and_no_fault_of_its_channel(int line, string level)
    {
        // The mux board revised with a CD74HC4067 (cells on inputs 1-6, REF on 7, the NTC on 8, ground on 0 and 15) and
        // the pack's one sensor read through it. Each of these lines moves the NTC's address 8 onto ground (S3 low: 0) or
        // an input nothing is wired to (9, 10, 12: 0 V here), 0 counts. Before, that was a saturated reading of the
        // sensor's own, counted against its channel; it is no reading of the sensor at all, taken away with the cells by
        // the failed check, whose row latches at its third reading (the run ends there, every module held) and is the one
        // fault: the sensor's channel is not blamed.
        Scenario scenario = ScenarioLoader.Parse(
            """
            { "name": "mux-line-ntc", "seed": 5, "timeLimitS": 140,
              "pack": { "modules": 3, "cellsPerModule": 2, "temperatureSensors": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "measurement": { "board": "grounded4067.board" },
              "faults": [ { "atS": 120, "kind": "muxSelectLine", "line": LINE, "level": "LEVEL" } ] }
            """.Replace("LINE", line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("LEVEL", level),
            null,
            new Dictionary<string, string> { ["grounded4067.board"] = RevisedMuxBoards.With4067() });
        var ticks = new List<(double TimeS, bool MuxFault, ChannelStatus Sensor, int SensorDeciCelsius)>();
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions
        {
            RecordTrace = false,
            Observer = o => ticks.Add((Math.Round(o.TimeS, 3), o.Frame.MuxAddressFault, o.Frame.TemperatureStatus[0], o.Frame.TemperatureDeciCelsius[0])),
        }).Run();

        // Before the fault the sensor reads the pack's 25.0 degC through its channel, within a few tenths.
        Assert.All(ticks.Where(t => t.TimeS < 120), t => Assert.Equal((false, ChannelStatus.Valid), (t.MuxFault, t.Sensor)));
        Assert.All(ticks.Where(t => t.TimeS < 120), t => Assert.InRange(t.SensorDeciCelsius, 245, 255));
        double firstS = ticks.First(t => t.TimeS >= 120).TimeS;
        Assert.All(ticks.Where(t => t.TimeS >= 120), t => Assert.Equal((true, ChannelStatus.Implausible), (t.MuxFault, t.Sensor)));
        SimulationEvent fault = Assert.Single(result.Events, e => e.Severity == "fault");
        Assert.Equal(("muxAddressFault", -1), (fault.Diagnosis, fault.Module));
        Assert.Equal(firstS + 0.04, fault.TS, 3);
        Assert.DoesNotContain(result.Events, e => e.Diagnosis == "temperatureChannelInvalid");
    }
}
