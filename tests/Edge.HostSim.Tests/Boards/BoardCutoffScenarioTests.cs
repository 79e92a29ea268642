// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>
/// A board whose cell limits lie inside the controller's default +-3 V cut-offs: the device boots with its cut-offs at
/// the board's limits (boards/README.md), and the simulator, measuring through that board, does the same, while a
/// <c>cutoffV</c> the scenario gives is kept, or refused past the board's limit.
/// </summary>
public class BoardCutoffScenarioTests
{
    private static readonly Dictionary<string, string> s_tightBoard = new Dictionary<string, string>
    {
        ["tight.board"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"))
            .Replace("cell_voltage_min_mv = -3000", "cell_voltage_min_mv = -2000", StringComparison.Ordinal)
            .Replace("cell_voltage_max_mv = 3000", "cell_voltage_max_mv = 2500", StringComparison.Ordinal),
    };

    private static Scenario Parse(string cutoff) => ScenarioLoader.Parse(
        "{ \"name\": \"tight\", \"seed\": 1, \"timeLimitS\": 2, "
        + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
        + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 0.5 s\" ]" + cutoff + " }, "
        + "\"measurement\": { \"board\": \"tight.board\" } }",
        null,
        s_tightBoard);

    [Fact]
    public void A_scenario_without_a_cut_off_takes_the_boards_limits_and_runs()
    {
        Assert.Contains("cell_voltage_max_mv = 2500", s_tightBoard["tight.board"], StringComparison.Ordinal);
        Scenario scenario = Parse(string.Empty);

        ControllerConfiguration configuration = ScenarioCompiler.Compile(scenario);

        Assert.Equal(2500, configuration.Protocol.StripCutoffMv);
        Assert.Equal(-2000, configuration.Protocol.PlateCutoffMv);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
        Assert.Equal(201, result.Ticks);
    }

    [Fact]
    public void A_cut_off_the_scenario_gives_is_kept_inside_the_limit_and_refused_past_it()
    {
        Assert.Equal(2400, ScenarioCompiler.Compile(Parse(", \"cutoffV\": 2.4")).Protocol.StripCutoffMv);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioCompiler.Compile(Parse(", \"cutoffV\": 2.8")));
        Assert.Equal("protocol.cutoffV", e.Path);
    }

    [Fact]
    public void A_cut_off_past_the_boards_limit_is_refused_in_volts_naming_the_boards_key()
    {
        // cutoffV is in volts; the refusal read "2800 is out of range [1, 2500]": the core's millivolts with no unit and
        // nothing to say that 2500 is the board's cell_voltage_max_mv.
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioCompiler.Compile(Parse(", \"cutoffV\": 2.8")));

        Assert.Equal("protocol.cutoffV", e.Path);
        Assert.Contains("2.8 V", e.Message, StringComparison.Ordinal);
        Assert.Contains("[safety] cell_voltage_max_mv = 2500 mV", e.Message, StringComparison.Ordinal);
        Assert.Contains("esp32-devkitc-4s2m", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2.5 V", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2800", e.Message, StringComparison.Ordinal);
    }
}
