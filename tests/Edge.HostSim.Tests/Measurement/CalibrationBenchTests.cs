// Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using Edge.Core.Boards;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>
/// A board whose calibration points contradict its front end is refused by <c>edge-sim board</c> and a run through
/// <see cref="CalibrationBench.NominalUnitProblem"/>. The procedure's refusal compares the unit's curve with the board's
/// points; the unit here is built from the board's divider, offset, shunt and gain, so the refusal must call the
/// points the board's calibration points and the unit's span what the front end gives. It read the other way round:
/// "[cell 0]: the calibration spans 6000 mV over counts 115 to 2573, 161 % of the front end's nominal 3722 mV" for
/// points spanning 3722 mV where the divider gives 6000, sending the author to the divider when the points were wrong.
/// </summary>
public sealed class CalibrationBenchTests
{
    [Fact]
    public void ACellWhosePointsSpanLessThanItsFrontEndNamesEachSpanByItsOrigin()
    {
        // Cell 0 of the DevKitC: 0.33 around 1225 mV, limits +-3000 mV, so the procedure's references run from -3000 to
        // 3000 mV: 235 to 2215 mV at the pin, (235 - 142) x 1241 / 1000 = 115 and (2215 - 142) x 1241 / 1000 = 2573 counts
        // on Espressif's line at Vref 1100 mV (boards/README.md). Points of -3100..3100 mV over the whole 0..4095 counts
        // span 6200 x (2573 - 115) / 4095 = 3721 mV there (hand computation), where the front end spans 6000 mV: 161 %.
        BoardDefinition board = WithLine("esp32-devkitc-4s2m.board", "[cell 0]", "calibration = 0:-3100, 4095:3100");

        string? problem = CalibrationBench.NominalUnitProblem(board);

        Assert.NotNull(problem);
        Match m = Regex.Match(problem!, @"^\[cell 0\]: over counts (\d+) to (\d+) the board's calibration points span (\d+) mV, "
            + @"a unit built as its divider_ratio and offset_mv describe measures (\d+) mV, (\d+) % of the points' span");
        Assert.True(m.Success, problem);
        int first = Number(m, 1);
        int last = Number(m, 2);
        Assert.InRange(first, 114, 116);
        Assert.InRange(last, 2572, 2574);
        Assert.InRange(Number(m, 3), 6200 * (last - first) / 4095 - 1, 6200 * (last - first) / 4095 + 1);
        Assert.Equal(6000, Number(m, 4));
        Assert.InRange(Number(m, 5), 160, 161);
    }

    [Fact]
    public void ACurrentChannelWhosePointsSpanMoreThanItsFrontEndNamesTheShuntAndGain()
    {
        // Module 0 of the DevKitC: 10 ohm x 50 = 500 V/A around 1226 mV, limit 2 mA: references -2000..2000 uA, 226 to
        // 2226 mV at the pin, (226 - 142) x 1241 / 1000 = 104 and (2226 - 142) x 1241 / 1000 = 2586 counts. Points of
        // -20000..20000 uA over 0..4095 counts span 40000 x (2586 - 104) / 4095 = 24244 uA there, the front end 4000 uA: 16 %.
        BoardDefinition board = WithLine("esp32-devkitc-4s2m.board", "[module 0]", "calibration = 0:-20000, 4095:20000");

        string? problem = CalibrationBench.NominalUnitProblem(board);

        Assert.NotNull(problem);
        Match m = Regex.Match(problem!, @"^\[module 0\]: over counts (\d+) to (\d+) the board's calibration points span (\d+) uA, "
            + @"a unit built as its shunt_milliohm, amplifier_gain and offset_mv describe measures 4000 uA, (\d+) % of the points' span");
        Assert.True(m.Success, problem);
        int first = Number(m, 1);
        int last = Number(m, 2);
        Assert.InRange(first, 103, 105);
        Assert.InRange(last, 2585, 2588);
        Assert.InRange(Number(m, 3), 40000 * (last - first) / 4095 - 1, 40000 * (last - first) / 4095 + 1);
        Assert.Equal(16, Number(m, 4));
    }

    [Fact]
    public void ACellWhosePointsAreShiftedFromItsFrontEndSaysWhichReadsWhat()
    {
        // Points that span the front end's 6000 mV between its -3000 and 3000 mV steps (115 and 2573 counts, above) but
        // read 1500 mV high there: half-way, at 1344 counts, the front end reads about 0 mV and the points 1500 mV
        // (-1500 + 6000 x 1229 / 2458, hand computation), more than 15 % of 6000 mV and what a chip's Vref moves.
        BoardDefinition board = WithLine("esp32-devkitc-4s2m.board", "[cell 0]", "calibration = 0:-3100, 115:-1500, 2573:4500, 4095:5000");

        string? problem = CalibrationBench.NominalUnitProblem(board);

        Assert.NotNull(problem);
        Match m = Regex.Match(problem!, @"^\[cell 0\]: at (\d+) counts a unit built as its divider_ratio and offset_mv describe reads (\d+) mV "
            + @"away from the board's calibration points, more than 15 % of its 6000 mV span there");
        Assert.True(m.Success, problem);
        Assert.InRange(Number(m, 1), 1343, 1345);
        Assert.InRange(Number(m, 2), 1490, 1510);
    }

    private static int Number(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    // The shipped board with the section's calibration line replaced.
    private static BoardDefinition WithLine(string fileName, string section, string calibration)
    {
        string[] lines = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", fileName)).Split('\n');
        int start = Array.IndexOf(lines, section);
        Assert.True(start >= 0, section);
        int line = Array.FindIndex(lines, start, l => l.StartsWith("calibration = ", StringComparison.Ordinal));
        lines[line] = calibration;
        Assert.True(BoardParser.TryParse(string.Join('\n', lines), out BoardDefinition board, out BoardParseError error), error?.ToString());
        return board;
    }
}
