// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A scenario on a board is one simulated unit (its own ADC Vref), calibrated through the per-unit
/// workflow before the run; left uncalibrated, the controller only watches and no current flows.
/// </summary>
public sealed class UnitCalibrationScenarioTests
{
    private static Scenario OnDevKitC(string measurementExtra)
    {
        string board = Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board");
        return ScenarioLoader.Parse("""
            { "name": "unit", "seed": 21, "samplePeriodMs": 10, "timeLimitS": 8,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "measurement": { "board": "BOARD"EXTRA } }
            """.Replace("BOARD", board).Replace("EXTRA", measurementExtra));
    }

    [Fact]
    public void Calibrated_unit_pulses_and_reads_its_pulse_current()
    {
        int readDuringPulse = 0;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                if (Math.Abs(o.TimeS - 0.5) < 1e-9)
                {
                    readDuringPulse = o.Frame.ModuleCurrentUa[0];
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(OnDevKitC(", \"adcVrefMv\": 1010"), options).Run();

        Assert.True(result.UnitCalibrated);
        Assert.Equal(1010, result.UnitAdcVrefMv);
        Assert.Equal(2, result.Modules[0].Pulses);
        Assert.DoesNotContain(result.Events, e => e.Kind == "uncalibrated");

        // 1 mA/cm2 x 0.3848 cm2 = 385 uA, read within a count (1.47 uA on this chip) plus 2 counts of noise.
        Assert.InRange(readDuringPulse, 385 - 8, 385 + 8);
        Assert.Contains(result.BoardWarnings, w => w.Contains("[reference]: missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1138)]
    [InlineData(1200)]
    public void Uncalibrated_unit_watches_and_drives_nothing(int vrefMv)
    {
        bool anyCurrent = false;
        RunOptions options = new RunOptions
        {
            RecordTrace = false,
            Observer = o => anyCurrent |= o.TrueCurrentUa[0] != 0 || o.TrueCurrentUa[1] != 0 || o.Actions.SwitchClosed[0] || o.Actions.SwitchClosed[1],
        };

        SimulationResult result = new ClosedLoopRunner(OnDevKitC(", \"unitCalibrated\": false, \"adcVrefMv\": " + vrefMv), options).Run();

        Assert.False(anyCurrent, "no switch may close without a per-unit calibration");

        // It keeps watching: the nominal points' offset at zero current (tens of uA at the ends of the Vref spread) is no
        // leaking switch, so nothing latches and the run goes to its time limit.
        Assert.Equal("timeLimit", result.TerminatedBy);
        Assert.DoesNotContain(result.Events, e => e.Severity == "fault");
        Assert.False(result.UnitCalibrated);
        Assert.Equal(2, result.Events.Count(e => e.Kind == "uncalibrated" && e.Severity == "warning"));
        Assert.All(result.Modules, m => Assert.Equal(0, m.Pulses));
    }

    [Fact]
    public void Each_seed_is_another_unit()
    {
        double first = new ClosedLoopRunner(OnDevKitC(string.Empty), new RunOptions { RecordTrace = false }).Run().UnitAdcVrefMv!.Value;
        Scenario other = OnDevKitC(string.Empty);
        other.Seed = 22;
        double second = new ClosedLoopRunner(other, new RunOptions { RecordTrace = false }).Run().UnitAdcVrefMv!.Value;

        Assert.InRange(first, 1000, 1200);
        Assert.InRange(second, 1000, 1200);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Scenario_rejects_bad_timing_and_unit_fields_by_path()
    {
        Assert.Equal("measurement.adcVrefMv", Assert.Throws<ScenarioException>(() => OnDevKitC(", \"adcVrefMv\": 900")).Path);
        Assert.Equal("faults[0].mode", Assert.Throws<ScenarioException>(() => WithFault("{ \"atS\": 0, \"kind\": \"tickJitter\", \"jitterMs\": 20, \"mode\": \"freeRtos\" }")).Path);

        Scenario late = WithFault("{ \"atS\": 0, \"kind\": \"tickJitter\", \"jitterMs\": 20, \"mode\": \"nanoFramework\", \"gcPauseMs\": 12 }");
        Assert.Equal(TickJitterMode.NanoFramework, late.Faults[0].JitterMode);
        Assert.Equal(0.25, late.Faults[0].BusyFraction);
        Assert.Equal(10.0, late.Faults[0].GcPeriodS);
        Assert.Equal(12, late.Faults[0].GcPauseMs);

        Scenario hang = WithFault("{ \"atS\": 3, \"kind\": \"runtimeHang\", \"durationS\": 1 }");
        Assert.Equal(FaultKind.RuntimeHang, hang.Faults[0].Kind);
        Assert.Equal(-1, hang.Faults[0].Module);
    }

    private static Scenario WithFault(string fault)
    {
        return ScenarioLoader.Parse("""
            { "name": "faults", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 8,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "faults": [ FAULT ] }
            """.Replace("FAULT", fault));
    }
}
