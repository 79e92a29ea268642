// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>
/// The complete board of boards/README.md ("Example") is where an engineer starts a board of their own: a unit on it
/// must get through the per-unit calibration (which applies +-max_module_current_ma through the shunt) and run. It
/// used to parse with a warning only while its 8 mA range drove the current input to -2350..5650 mV, so the
/// calibration's -8000 uA point read 0 (saturated) and no unit on it could ever be calibrated.
/// </summary>
public sealed class ReadmeExampleBoardTests
{
    [Fact]
    public void TheReadmesExampleBoardCalibratesAndRuns()
    {
        string example = ExampleBoard();
        string directory = Path.Combine(Path.GetTempPath(), "edge-readme-board-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "example.board"), example);
            const string Json = """
                { "name": "readme-board", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 20,
                  "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
                  "controller": { "mode": "act" },
                  "measurement": { "board": "example.board" } }
                """;
            Scenario scenario = ScenarioLoader.Parse(Json, directory);

            SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

            // Calibrated, so the module started (an uncalibrated unit only watches): 1 s pulses every 6 s over 20 s
            // are 4 pulses (at 0, 6, 12 and 18 s), and nothing faulted.
            Assert.True(result.UnitCalibrated);
            Assert.Equal(4, result.Modules[0].Pulses);
            Assert.DoesNotContain(result.Events, e => e.Severity == "fault");
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    /// <summary>
    /// The check the READMEs give before a board is flashed calls the example usable, with the four warnings the README
    /// lists. Its cell curve was a straight line from 1 to 4094 counts, which bends away from a chip's reading above
    /// 2880 counts: a unit of Vref 1200 mV built as the board describes failed the calibration against it, so
    /// edge-sim board refused the board an engineer is told to start from.
    /// </summary>
    [Fact]
    public void TheBoardCheckCallsTheReadmesExampleUsable()
    {
        using var scratch = new Cli.CliScratch();
        string file = scratch.Write("example.board", ExampleBoard());

        using Cli.EdgeSimProcess check = Cli.EdgeSimProcess.Run("board", file);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains(file + ": usable: board test", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 warnings\n", check.Stdout, StringComparison.Ordinal);
    }

    private static string ExampleBoard()
    {
        string readme = File.ReadAllText(Path.Combine(Cli.CliReadmeTests.RepositoryRoot(), "boards", "README.md"));
        int start = readme.IndexOf("```ini\n", StringComparison.Ordinal) + "```ini\n".Length;
        return readme.Substring(start, readme.IndexOf("```", start, StringComparison.Ordinal) - start);
    }
}
