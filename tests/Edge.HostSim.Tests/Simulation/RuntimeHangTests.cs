// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The runtime stops ticking in the middle of a pulse (a hang, a debugger break): the switch outputs
/// keep what the last tick wrote, as LEDC PWM and GPIO levels do. With the board's hardware enable
/// (a retriggerable monostable fed once per healthy tick) the gate drive, and with it the current,
/// falls within the monostable's timeout; without one the current flows on, and the board says so.
/// </summary>
public sealed class RuntimeHangTests : IDisposable
{
    /// <summary>The pulse of the [W] plateau protocol runs 0-1 s; the runtime hangs half way through it.</summary>
    private const double HangAtS = 0.5;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-hang-" + Guid.NewGuid().ToString("N"));

    public RuntimeHangTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void With_a_hardware_enable_the_gate_drive_falls_within_the_monostable_timeout()
    {
        // The virtual board: a 10 ms tick and a monostable of 2 x 10 + 60 = 80 ms.
        Scenario scenario = Scenario("virtual", modules: 1, cellsPerModule: 1);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.RuntimeHang, AtS = HangAtS });
        var run = new HangObserver();

        SimulationResult result = new ClosedLoopRunner(scenario, run.Options).Run();

        Assert.True(run.CurrentBeforeHangUa > 0, "the pulse ran before the hang");
        Assert.True(run.SwitchHeldClosed, "the outputs keep the last tick's state through the hang");
        Assert.False(double.IsNaN(run.CurrentStoppedAtS), "the current must stop");
        Assert.InRange(run.CurrentStoppedAtS, HangAtS, HangAtS + 0.080 + 0.010);
        Assert.DoesNotContain(result.BoardWarnings, w => w.Contains("unsafe for act mode", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_hardware_enable_the_current_flows_on_and_the_board_is_flagged()
    {
        // The shipped DevKitC board without its [enable] section.
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"));
        int start = text.IndexOf("[enable]", StringComparison.Ordinal);
        int end = text.IndexOf("[cell 0]", StringComparison.Ordinal);
        string path = Path.Combine(_directory, "no-enable.board");
        File.WriteAllText(path, text.Substring(0, start) + text.Substring(end));
        Scenario scenario = Scenario(path, modules: 2, cellsPerModule: 2);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.RuntimeHang, AtS = HangAtS });
        var run = new HangObserver();

        SimulationResult result = new ClosedLoopRunner(scenario, run.Options).Run();

        Assert.True(run.CurrentBeforeHangUa > 0, "the pulse ran before the hang");
        Assert.True(double.IsNaN(run.CurrentStoppedAtS), "nothing stops the current: the 1 s pulse runs on to the end of the run");
        Assert.Contains(result.BoardWarnings, w => w.StartsWith("line 0: warning: [enable]: missing", StringComparison.Ordinal) && w.Contains("unsafe for act mode", StringComparison.Ordinal));
    }

    [Fact]
    public void The_releases_of_a_hang_count_as_missed_in_the_tick_timing()
    {
        // Hung from 0.5 s to 1.0 s at a 10 ms period: the releases at 500, 510, ..., 990 ms (50) find no tick, as the
        // device's tick_overruns counts periods in which no tick could start.
        Scenario scenario = Scenario("virtual", modules: 1, cellsPerModule: 1);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.RuntimeHang, AtS = HangAtS, DurationS = 0.5 });
        long releases = 0;
        RunOptions options = new RunOptions { RecordTrace = false, Observer = o => releases++ };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();

        Assert.Equal(50, result.TickTiming!.MissedReleases);
        Assert.Equal(releases, result.TickTiming.Ticks + result.TickTiming.MissedReleases);
    }

    private static Scenario Scenario(string board, int modules, int cellsPerModule)
    {
        return ScenarioLoader.Parse("""
            { "name": "hang", "seed": 4, "samplePeriodMs": 10, "timeLimitS": 2,
              "pack": { "modules": MODULES, "cellsPerModule": CELLS, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "act" },
              "measurement": { "board": "BOARD" } }
            """.Replace("MODULES", modules.ToString(System.Globalization.CultureInfo.InvariantCulture))
               .Replace("CELLS", cellsPerModule.ToString(System.Globalization.CultureInfo.InvariantCulture))
               .Replace("BOARD", board));
    }

    /// <summary>Module 0's current before and after the hang, and whether its switch output stayed closed.</summary>
    private sealed class HangObserver
    {
        public HangObserver()
        {
            Options = new RunOptions
            {
                RecordTrace = false,
                Observer = o =>
                {
                    if (o.TimeS < HangAtS)
                    {
                        CurrentBeforeHangUa = o.TrueCurrentUa[0];
                        return;
                    }

                    SwitchHeldClosed &= o.Actions.SwitchClosed[0];
                    if (o.TrueCurrentUa[0] == 0 && double.IsNaN(CurrentStoppedAtS))
                    {
                        CurrentStoppedAtS = o.TimeS;
                    }
                },
            };
        }

        public RunOptions Options { get; }

        public int CurrentBeforeHangUa { get; private set; }

        public bool SwitchHeldClosed { get; private set; } = true;

        public double CurrentStoppedAtS { get; private set; } = double.NaN;
    }
}
