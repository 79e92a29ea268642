// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>
/// In act mode a protocol step above the board's derate level is refused naming the board's key: the core's check said
/// "is above the safety envelope's derate level, protection.moduleCurrentDerateUa 380 uA", a field no scenario or board
/// has. Expected values by hand: 1 mA/cm2 x 0.3848 cm2 = 385 uA; 95 % of a 0.4 mA limit = 380 uA, 0.99 mA/cm2 on
/// 0.3848 cm2; 350 uA / 0.3848 cm2 = 0.91 mA/cm2.
/// </summary>
public class BoardStepDerateScenarioTests
{
    private static readonly string s_devKit = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"));

    private static Scenario Parse(string board, string mode) => ScenarioLoader.Parse(
        "{ \"name\": \"derate\", \"seed\": 1, \"timeLimitS\": 2, "
        + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
        + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 0.5 s\" ] }, "
        + "\"measurement\": { \"board\": \"b.board\" }, \"controller\": { \"mode\": \"" + mode + "\" } }",
        null,
        new Dictionary<string, string> { ["b.board"] = board });

    private static string WithLimit(string limitMa) => s_devKit
        .Replace("max_module_current_ma = 2", "max_module_current_ma = " + limitMa, StringComparison.Ordinal)
        .Replace("max_plating_current_ma = 0.5", "max_plating_current_ma = 0.3", StringComparison.Ordinal);

    [Fact]
    public void A_step_above_the_derate_level_the_boards_limit_sets_is_refused_in_act_mode_naming_the_limit()
    {
        string board = WithLimit("0.4");
        Assert.DoesNotContain("module_current_derate_ma", board, StringComparison.Ordinal);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioCompiler.Compile(Parse(board, "act")));

        Assert.Equal("protocol.steps[0]", e.Path);
        Assert.Contains("current 385 uA (1 mA/cm2 of 0.3848 cm2) exceeds the derate level 0.38 mA, 95 % of board esp32-devkitc-4s2m's [safety] max_module_current_ma = 0.4 mA", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 380 uA (0.99 mA/cm2)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("protection.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_above_the_boards_own_derate_level_is_refused_in_act_mode_naming_its_key()
    {
        string board = WithLimit("2").Replace("max_module_current_ma = 2\n", "max_module_current_ma = 2\nmodule_current_derate_ma = 0.35\nmodule_current_warning_ma = 0.3\n", StringComparison.Ordinal);
        Assert.Contains("module_current_derate_ma = 0.35", board, StringComparison.Ordinal);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioCompiler.Compile(Parse(board, "act")));

        Assert.Equal("protocol.steps[0]", e.Path);
        Assert.Contains("exceeds board esp32-devkitc-4s2m's derate level, [safety] module_current_derate_ma = 0.35 mA", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 350 uA (0.91 mA/cm2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_mode_runs_a_step_between_the_derate_level_and_the_limit()
    {
        // Observe mode only reports the levels: 385 uA lies above the 380 uA level and under the 400 uA limit.
        Assert.Equal(385, ScenarioCompiler.Compile(Parse(WithLimit("0.4"), "observe")).Protocol.Steps[0].CurrentUa);
    }
}
