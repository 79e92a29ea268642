// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim board --nominal-points gives the author of a new board the calibration lines its cell and current front ends
/// read on the typical chip, the way the shipped boards' points were made: the points above 2880 counts follow the
/// chip's lookup table, which no one writes by hand, and a board whose points contradict its front end is refused.
/// </summary>
public sealed class BoardNominalPointsTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("esp32-devkitc-4s2m.board")]
    [InlineData("esp32-mux-6s.board")]
    public void TheShippedBoardsPointsAreTheirFrontEndsOnTheTypicalChip(string name)
    {
        // Both files say their points were computed from the nominal front end and the typical chip (Vref 1100 mV).
        string file = Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", name);
        Dictionary<string, string> written = CalibrationLines(File.ReadAllText(file));

        using EdgeSimProcess check = EdgeSimProcess.Run("board", "--nominal-points", file);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Dictionary<string, string> printed = PrintedPoints(check.Stdout);
        Assert.NotEmpty(printed);
        foreach ((string section, string points) in printed)
        {
            Assert.Equal(written[section], points);
        }

        Assert.Equal(written.Keys.Count(k => !k.StartsWith("[temperature", StringComparison.Ordinal)), printed.Count);
    }

    [Fact]
    public void PointsThatContradictTheFrontEndAreRefusedAndThePrintedOnesMakeTheBoardUsable()
    {
        // A straight line through the DevKitC's end points for cell 2: its middle lies far from what the chip reads
        // above 2880 counts, so a unit built as the board describes fails its calibration.
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        string shipped = CalibrationLines(text)["[cell 2]"];
        string line = "calibration = 2:-3270, 4088:5772";
        string board = _scratch.Write("line.board", text.Replace("calibration = " + shipped, line, StringComparison.Ordinal));

        using EdgeSimProcess refused = EdgeSimProcess.Run("board", "--nominal-points", board);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("[cell 2]", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("; --nominal-points prints the points the board's front ends give on the typical chip", refused.Stderr, StringComparison.Ordinal);
        string printed = PrintedPoints(refused.Stdout)["[cell 2]"];
        Assert.Equal(shipped, printed);

        string repaired = _scratch.Write("repaired.board", File.ReadAllText(board).Replace(line, "calibration = " + printed, StringComparison.Ordinal));
        using EdgeSimProcess usable = EdgeSimProcess.Run("board", repaired);
        Assert.True(usable.ExitCode == 0, usable.Stderr);
    }

    [Fact]
    public void WithoutTheOptionNoPointsArePrinted()
    {
        using EdgeSimProcess check = EdgeSimProcess.Run("board", Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));

        Assert.Equal(0, check.ExitCode);
        Assert.DoesNotContain("nominal calibration points", check.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Each section's calibration points in a board text, by section header.</summary>
    private static Dictionary<string, string> CalibrationLines(string text)
    {
        Dictionary<string, string> lines = new Dictionary<string, string>();
        string section = string.Empty;
        foreach (string raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string statement = raw.Split('#')[0].Trim();
            if (statement.StartsWith('['))
            {
                section = statement;
            }
            else if (statement.StartsWith("calibration", StringComparison.Ordinal))
            {
                lines[section] = statement[(statement.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return lines;
    }

    /// <summary>The points the option printed, by section header.</summary>
    private static Dictionary<string, string> PrintedPoints(string stdout)
    {
        Dictionary<string, string> points = new Dictionary<string, string>();
        foreach (Match m in Regex.Matches(stdout, @"^  (\[(?:cell|module) \d+\]) calibration = (.+)$", RegexOptions.Multiline))
        {
            points[m.Groups[1].Value] = m.Groups[2].Value.TrimEnd('\r');
        }

        return points;
    }
}
