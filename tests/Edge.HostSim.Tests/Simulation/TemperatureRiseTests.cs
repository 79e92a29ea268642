// Licensed under the MIT License.

using Edge.HostSim.Output.Plotting;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Graded over-temperature in the closed loop: a sensor warms from 25.0 degC at 1 K/s from 20 s (a temperatureRise
/// fault), so it passes the default levels inside the 60.0 degC limit at 45 s (warning, 50.0), 50 s (derate, 55.0)
/// and 55 s (the limit). Readings are whole tenths (rounded half to even): at 45.05 s 25.05 K rounds to 25.0 K, so the
/// first reading above 50.0 degC comes at 45.06 s (50.1 degC) and the level confirms on its third, at 45.08 s; likewise
/// 50.08 s and 55.08 s. Two modules pulse 1 s at 1 mA/cm2
/// (385 uA on 0.3848 cm2) every 6 s: the pulse at 48 s runs before the derate, the one at 54 s after it, at
/// 385 x 80 / 100 = 308 uA in act mode; the one due at 60 s never starts, the pack being isolated.
/// </summary>
public sealed class TemperatureRiseTests
{
    [Fact]
    public void Act_mode_warns_then_runs_the_pack_at_a_lower_current_then_isolates_it()
    {
        var currents = new PulseCurrents();
        SimulationResult result = new ClosedLoopRunner(Scenario("act"), currents.Options).Run();

        double warning = Single(result, "cellOvertemperatureWarning", "warning").TS;
        double derate = Single(result, "cellOvertemperatureDerate", "warning").TS;
        double isolation = Single(result, "cellOvertemperature", "fault").TS;
        Assert.Equal(45.08, warning, 6);
        Assert.Equal(50.08, derate, 6);
        Assert.Equal(55.08, isolation, 6);

        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(385, currents.Before[m]);
            Assert.Equal(308, currents.After[m]);
            Assert.Equal(0, currents.Late[m]);
            Assert.Equal("hold", result.Modules[m].State);
            Assert.Equal((80, 1), (result.Modules[m].CurrentPercent, result.Modules[m].DerateSteps));
        }
    }

    [Fact]
    public void Observe_mode_reports_the_levels_keeps_the_current_and_still_isolates()
    {
        var currents = new PulseCurrents();
        SimulationResult result = new ClosedLoopRunner(Scenario("observe"), currents.Options).Run();

        Single(result, "cellOvertemperatureWarning", "warning");
        Single(result, "cellOvertemperatureDerate", "warning");
        Assert.Equal(55.08, Single(result, "cellOvertemperature", "fault").TS, 6);
        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(385, currents.After[m]);
            Assert.Equal(0, currents.Late[m]);
            Assert.Equal("hold", result.Modules[m].State);
        }
    }

    [Fact]
    public void A_pack_that_cooled_again_gets_its_current_back_a_minute_later()
    {
        // Warming as above but only to 56.0 degC (31 s from 20 s: derate, no isolation), then cooling at 1 K/s from 62 s.
        // The reading is back at 50.0 degC (the warning level, inside) from 67.95 s, give or take the rounding of
        // 25.05 K one tick either way; the warning clears on the 100th reading inside (68.94-68.96 s), and 60 s inside
        // (5999 more ticks) later each module gets its derate back: 128.93-128.95 s, in the rest after the 126 s pulse.
        var currents = new PulseWindows(126, 132);
        string text = Text("act")
            .Replace("\"timeLimitS\": 62", "\"timeLimitS\": 134")
            .Replace("\"rateCPerS\": 1 }", "\"rateCPerS\": 1, \"durationS\": 31 }, { \"atS\": 62, \"kind\": \"temperatureRise\", \"sensor\": 0, \"rateCPerS\": -1, \"durationS\": 31 }");
        SimulationResult result = new ClosedLoopRunner(ScenarioLoader.Parse(text), currents.Options).Run();

        Assert.Equal(50.08, Single(result, "cellOvertemperatureDerate", "warning").TS, 6);
        Assert.DoesNotContain(result.Events, e => e.Diagnosis == "cellOvertemperature");
        SimulationEvent[] lifts = result.Events.Where(e => e.Kind == "derateLifted").ToArray();
        Assert.Equal(new[] { 0, 1 }, lifts.Select(e => e.Module).ToArray());
        foreach (SimulationEvent lift in lifts)
        {
            Assert.InRange(lift.TS, 128.925, 128.955);
            Assert.Equal((100, 80, "info"), (lift.Value, lift.Threshold, lift.Severity));
        }

        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(308, currents.First[m]);
            Assert.Equal(385, currents.Second[m]);
            Assert.Equal((100, 0), (result.Modules[m].CurrentPercent, result.Modules[m].DerateSteps));
        }
    }

    [Fact]
    public void A_sensor_on_a_module_isolates_that_module_and_the_other_keeps_its_current()
    {
        // Two sensors, one on each module; only sensor 1 (module 1) warms. Same times as above for module 1 alone:
        // derated at 50.08 s, isolated at 55.08 s; module 0 runs its 60 s pulse at 385 uA.
        var currents = new PulseCurrents();
        string text = Text("act")
            .Replace("\"temperatureSensors\": 1, ", "\"temperatureSensors\": 2, \"temperatureSensorModules\": [0, 1], ")
            .Replace("\"sensor\": 0", "\"sensor\": 1");
        Scenario scenario = ScenarioLoader.Parse(text);
        SimulationResult result = new ClosedLoopRunner(scenario, currents.Options).Run();

        // The plots mark the injected rise on the sensor's module, not on the pack.
        ChartMarker injected = Assert.Single(ChartMarkers.Collect(scenario, result).Markers, m => m.Kind == MarkerKind.Injected);
        Assert.Equal(("injected temperatureRise sensor 1 M1", 1), (injected.Label, injected.Module));

        Assert.Equal(50.08, Single(result, "cellOvertemperatureDerate", "warning").TS, 6);
        SimulationEvent isolation = Single(result, "cellOvertemperature", "fault");
        Assert.Equal((55.08, 1), (Math.Round(isolation.TS, 6), isolation.Module));
        Assert.Equal((385, 308, 0), (currents.Before[1], currents.After[1], currents.Late[1]));
        Assert.Equal((385, 385, 385), (currents.Before[0], currents.After[0], currents.Late[0]));
        Assert.Equal("hold", result.Modules[1].State);
        Assert.NotEqual("hold", result.Modules[0].State);
    }

    [Fact]
    public void A_boards_sensor_is_read_through_its_channel_and_acts_on_the_module_the_board_puts_it_on()
    {
        // The six-cell multiplexed board (three modules of two, 20 ms ticks, temperature limit 45.0 degC: levels 35.0,
        // 40.0 and 45.0) with its one NTC channel placed on module 2. Warming at 1 K/s from 20 s, the true temperature
        // passes 40.0 degC at 35 s and 45.0 at 40 s; read through the NTC's curve, the unit's ADC (its own Vref, 2 counts
        // of noise) and back, the levels confirm within half a second of those times. Module 2 is derated and then
        // isolated; modules 0 and 1 keep the protocol's current.
        string board = Path.Combine(Path.GetTempPath(), "edge-mux-6s-sensor-on-module-2-" + Environment.ProcessId + ".board");
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-mux-6s.board"));
        File.WriteAllText(board, text.Replace("[temperature 0]\n", "[temperature 0]\nmodule = 2\n", StringComparison.Ordinal));
        try
        {
            SimulationResult result = new ClosedLoopRunner(ScenarioLoader.Parse("""
                { "name": "mux-warming", "seed": 3, "samplePeriodMs": 20, "timeLimitS": 50,
                  "pack": { "modules": 3, "cellsPerModule": 2, "temperatureSensors": 1, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "act" },
                  "measurement": { "board": "BOARD" },
                  "faults": [ { "atS": 20, "kind": "temperatureRise", "sensor": 0, "rateCPerS": 1 } ] }
                """.Replace("BOARD", board.Replace("\\", "/"))), new RunOptions { RecordTrace = false }).Run();

            SimulationEvent derate = Single(result, "cellOvertemperatureDerate", "warning");
            SimulationEvent isolation = Single(result, "cellOvertemperature", "fault");
            Assert.InRange(derate.TS, 35.0, 35.5);
            Assert.InRange(isolation.TS, 40.0, 40.5);
            Assert.Equal((2, 2), (derate.Module, isolation.Module));
            Assert.InRange(isolation.Value, 450, 460);
            Assert.Equal("hold", result.Modules[2].State);
            Assert.All(new[] { 0, 1 }, m => Assert.NotEqual("hold", result.Modules[m].State));
        }
        finally
        {
            File.Delete(board);
        }
    }

    [Fact]
    public void A_board_is_read_with_none_or_all_of_its_temperature_channels()
    {
        string text = """
            { "name": "x", "seed": 1, "samplePeriodMs": 20, "timeLimitS": 10,
              "pack": { "modules": 3, "cellsPerModule": 2, "temperatureSensors": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] },
              "measurement": { "board": "BOARD" } }
            """.Replace("BOARD", Path.Combine(AppContext.BaseDirectory, "boards", "esp32-mux-6s.board").Replace("\\", "/"));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text));
        Assert.Contains("pack.temperatureSensors", error.Message);
        Assert.Contains("2 sensors, but board 'esp32-mux-6s' has 1 temperature channels: give 1 to read them through the board, or 0 to leave them unread", error.Message);

        // The DevKitC has none: the one thing to give is 0.
        error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text.Replace("esp32-mux-6s.board", "esp32-devkitc-4s2m.board").Replace("\"modules\": 3, \"cellsPerModule\": 2", "\"modules\": 2, \"cellsPerModule\": 2")));
        Assert.Contains("2 sensors, but board 'esp32-devkitc-4s2m' has no temperature channel: give 0", error.Message);

        error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text.Replace("\"temperatureSensors\": 2,", "\"temperatureSensors\": 1, \"temperatureSensorModules\": [0],")));
        Assert.Contains("pack.temperatureSensorModules", error.Message);
        Assert.Contains("the board's [temperature N] module keys say", error.Message);
    }

    [Theory]
    [InlineData("[0]", "pack.temperatureSensorModules", "1 entries for 2 temperature sensors")]
    [InlineData("[0, 2]", "pack.temperatureSensorModules[1]", "2 is not a module of this pack (0 to 1) nor -1 for the whole pack")]
    [InlineData("[0, 0.5]", "pack.temperatureSensorModules[1]", "must be a whole number (a module, or -1 for the whole pack), not 0.5")]
    [InlineData("[0, \"1\"]", "pack.temperatureSensorModules[1]", "not a string")]
    [InlineData("1", "pack.temperatureSensorModules", "must be an array")]
    public void Sensors_are_placed_one_per_sensor_on_a_module_of_the_pack(string modules, string field, string phrase)
    {
        string text = Text("act").Replace("\"temperatureSensors\": 1, ", "\"temperatureSensors\": 2, \"temperatureSensorModules\": " + modules + ", ");
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text));
        Assert.Contains(field, error.Message);
        Assert.Contains(phrase, error.Message);
    }

    [Fact]
    public void A_temperature_rise_needs_a_sensor()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Text("act").Replace("\"temperatureSensors\": 1, ", string.Empty)));
        Assert.Contains("pack.temperatureSensors", error.Message);
    }

    private static SimulationEvent Single(SimulationResult result, string diagnosis, string severity)
    {
        SimulationEvent e = Assert.Single(result.Events, x => x.Diagnosis == diagnosis);
        Assert.Equal("overtemperature", e.Kind);
        Assert.Equal(severity, e.Severity);
        return e;
    }

    private static Scenario Scenario(string mode) => ScenarioLoader.Parse(Text(mode));

    private static string Text(string mode) => """
        { "name": "warming", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 62,
          "pack": { "modules": 2, "cellsPerModule": 1, "temperatureSensors": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          "controller": { "mode": "MODE" },
          "faults": [ { "atS": 20, "kind": "temperatureRise", "sensor": 0, "rateCPerS": 1 } ] }
        """.Replace("MODE", mode);

    /// <summary>Each module's largest true current in the pulse that starts at each of two times.</summary>
    private sealed class PulseWindows
    {
        public PulseWindows(double firstS, double secondS)
        {
            Options = new RunOptions
            {
                RecordTrace = false,
                Observer = o =>
                {
                    for (int m = 0; m < 2; m++)
                    {
                        int current = o.TrueCurrentUa[m];
                        if (o.TimeS >= firstS && o.TimeS < firstS + 1)
                        {
                            First[m] = Math.Max(First[m], current);
                        }
                        else if (o.TimeS >= secondS && o.TimeS < secondS + 1)
                        {
                            Second[m] = Math.Max(Second[m], current);
                        }
                    }
                },
            };
        }

        public RunOptions Options { get; }

        public int[] First { get; } = new int[2];

        public int[] Second { get; } = new int[2];
    }

    /// <summary>Each module's largest true current in the pulse at 48 s, in the one at 54 s, and from 60 s on.</summary>
    private sealed class PulseCurrents
    {
        public PulseCurrents()
        {
            Options = new RunOptions
            {
                RecordTrace = false,
                Observer = o =>
                {
                    for (int m = 0; m < 2; m++)
                    {
                        int current = o.TrueCurrentUa[m];
                        if (o.TimeS >= 48 && o.TimeS < 49.5)
                        {
                            Before[m] = Math.Max(Before[m], current);
                        }
                        else if (o.TimeS >= 54 && o.TimeS < 55)
                        {
                            After[m] = Math.Max(After[m], current);
                        }
                        else if (o.TimeS >= 60)
                        {
                            Late[m] = Math.Max(Late[m], current);
                        }
                    }
                },
            };
        }

        public RunOptions Options { get; }

        public int[] Before { get; } = new int[2];

        public int[] After { get; } = new int[2];

        public int[] Late { get; } = new int[2];
    }
}
