// Licensed under the MIT License.

using Edge.Core.Tests.Boards;
using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The muxSelectLine fault (hostsim/README.md, faults): a select line and its level, validated like the other kinds,
/// each refusal naming its field; it needs a board with a multiplexer that has the line.
/// </summary>
public sealed class MuxSelectLineFaultLoaderTests
{
    private static Scenario Parse(string board, string faults) => ScenarioLoader.Parse(
        """
        { "name": "mux-line", "seed": 5, "timeLimitS": 60,
          "pack": { "modules": 3, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
          BOARD
          "faults": [ FAULTS ] }
        """.Replace("BOARD", board).Replace("FAULTS", faults),
        null,
        new Dictionary<string, string> { ["grounded.board"] = RevisedMuxBoards.With4051() });

    private const string Grounded = "\"measurement\": { \"board\": \"grounded.board\" },";

    [Fact]
    public void Loads_its_line_level_and_duration()
    {
        Scenario scenario = Parse(Grounded, "{ \"atS\": 1, \"kind\": \"muxSelectLine\", \"line\": 2, \"level\": \"high\", \"durationS\": 0.5 }, { \"atS\": 2, \"kind\": \"muxSelectLine\", \"line\": 0, \"level\": \"low\" }");

        FaultSpec high = scenario.Faults[0];
        Assert.Equal((FaultKind.MuxSelectLine, 2, true, 0.5, -1, -1), (high.Kind, high.SelectLine, high.StuckHigh, high.DurationS, high.Module, high.Cell));
        FaultSpec low = scenario.Faults[1];
        Assert.Equal((0, false, 0.0), (low.SelectLine, low.StuckHigh, low.DurationS));
    }

    [Theory]
    [InlineData("\"line\": 0, \"level\": \"middle\"", "faults[0].level", "unknown level \"middle\" (valid: high, low)")]
    [InlineData("\"line\": 0", "faults[0].level", "")]
    [InlineData("\"level\": \"high\"", "faults[0].line", "")]
    [InlineData("\"line\": 4, \"level\": \"high\"", "faults[0].line", "")]
    [InlineData("\"line\": 3, \"level\": \"high\"", "faults[0].line", "S3 does not exist: board 'esp32-mux-6s' has 3 select lines, S0 to S2")]
    [InlineData("\"line\": 0, \"level\": \"high\", \"module\": 0", "faults[0].module", "")]
    [InlineData("\"line\": 0, \"level\": \"high\", \"durationS\": 0.01", "faults[0].durationS", "shorter than the 20 ms sample period")]
    public void A_bad_select_line_fault_is_refused_naming_the_field(string fields, string path, string problem)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => Parse(Grounded, "{ \"atS\": 1, \"kind\": \"muxSelectLine\", " + fields + " }"));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the run has no board (give measurement.board, a board file with a [mux] section)")]
    [InlineData("\"measurement\": { \"board\": \"virtual\" },", "which has no [mux] section")]
    public void It_needs_a_board_with_a_multiplexer(string board, string problem)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => Parse(board, "{ \"atS\": 1, \"kind\": \"muxSelectLine\", \"line\": 0, \"level\": \"high\" }"));

        Assert.Equal("faults[0].kind", e.Path);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void One_line_cannot_be_stuck_high_and_low_at_once()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => Parse(Grounded,
            "{ \"atS\": 1, \"kind\": \"muxSelectLine\", \"line\": 1, \"level\": \"high\", \"durationS\": 2 }, " +
            "{ \"atS\": 2, \"kind\": \"muxSelectLine\", \"line\": 1, \"level\": \"low\" }"));
        Assert.Equal("faults[1].level", e.Path);
        Assert.Contains("S1 stuck low while faults[0] holds it high (from 2 s)", e.Problem, StringComparison.Ordinal);

        // One after the other, or two lines, or one level twice: each acts.
        Assert.Equal(2, Parse(Grounded,
            "{ \"atS\": 1, \"kind\": \"muxSelectLine\", \"line\": 1, \"level\": \"high\", \"durationS\": 1 }, " +
            "{ \"atS\": 2, \"kind\": \"muxSelectLine\", \"line\": 1, \"level\": \"low\" }").Faults.Count);
        Assert.Equal(2, Parse(Grounded,
            "{ \"atS\": 1, \"kind\": \"muxSelectLine\", \"line\": 1, \"level\": \"high\" }, " +
            "{ \"atS\": 1, \"kind\": \"muxSelectLine\", \"line\": 2, \"level\": \"low\" }").Faults.Count);
    }
}
