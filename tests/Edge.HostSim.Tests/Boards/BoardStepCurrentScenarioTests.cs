// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>
/// A protocol step above the board's module current limit is refused naming the board's key: a DevKitC board with
/// <c>max_module_current_ma = 0.3</c> and the default 1 mA/cm2 pulse (385 uA on 0.3848 cm2) was refused with
/// "current 385 uA exceeds the safety envelope's 300 uA", which left the 300 uA to be traced to the board file.
/// Expected values by hand: 1 mA/cm2 x 0.3848 cm2 = 384.8, 385 uA; 300 uA / 0.3848 cm2 = 0.78 mA/cm2.
/// </summary>
public class BoardStepCurrentScenarioTests
{
    private static readonly Dictionary<string, string> s_smallStageBoard = new Dictionary<string, string>
    {
        ["small.board"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"))
            .Replace("max_module_current_ma = 2", "max_module_current_ma = 0.3", StringComparison.Ordinal)
            .Replace("max_plating_current_ma = 0.5", "max_plating_current_ma = 0.3", StringComparison.Ordinal),
    };

    private static Scenario Parse(string step, string mode) => ScenarioLoader.Parse(
        "{ \"name\": \"small\", \"seed\": 1, \"timeLimitS\": 2, "
        + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
        + "\"protocol\": { \"steps\": [ \"" + step + "\", \"Rest for 0.5 s\" ] }, "
        + "\"measurement\": { \"board\": \"small.board\" }, \"controller\": { \"mode\": \"" + mode + "\" } }",
        null,
        s_smallStageBoard);

    [Theory]
    [InlineData("observe")]
    [InlineData("act")]
    public void A_step_above_the_boards_module_limit_is_refused_naming_the_boards_key(string mode)
    {
        Assert.Contains("max_module_current_ma = 0.3\n", s_smallStageBoard["small.board"].Replace("\r\n", "\n"), StringComparison.Ordinal);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioCompiler.Compile(Parse("Strip at 1 mA/cm2 for 1 s", mode)));

        Assert.Equal("protocol.steps[0]", e.Path);
        Assert.Contains("current 385 uA (1 mA/cm2 of 0.3848 cm2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("board esp32-devkitc-4s2m's [safety] max_module_current_ma = 0.3 mA", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 300 uA (0.78 mA/cm2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_inside_the_boards_module_limit_compiles()
    {
        // 0.7 mA/cm2 x 0.3848 cm2 = 269 uA, under the 300 uA limit and its 285 uA derate level (95 %).
        Assert.Equal(269, ScenarioCompiler.Compile(Parse("Strip at 0.7 mA/cm2 for 1 s", "act")).Protocol.Steps[0].CurrentUa);
    }
}
