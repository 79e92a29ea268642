// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim board warns of a cell channel whose count is too coarse for the detectors' fixed floors: until a cell's
/// first pulse has measured its reading noise, softShortSpike and depletionNonlinearRise judge against those floors
/// alone, and behind a 0.25 divider healthy cells warned in their first pulse (simulated) while edge-sim board said nothing.
/// </summary>
public sealed class BoardCellResolutionTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// The DevKitC with cell 0 behind a 0.25 divider around 1225 mV, its points on the typical chip's line
    /// (142 + 0.80566 mV a count at the ADC): 4 counts 145.2 mV, (145.2 - 1225) / 0.25 = -4319 mV; 2875 counts
    /// 2458.3 mV, 4933 mV.
    /// </summary>
    private string CoarseBoard(string name, string extraBoardLine)
    {
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        Assert.Contains("divider_ratio = 0.33\noffset_mv = 1225\ncalibration = 4:-3272,", text, StringComparison.Ordinal);
        string coarse = Regex.Replace(text, "divider_ratio = 0\\.33\noffset_mv = 1225\ncalibration = [^\n]*\n", "divider_ratio = 0.25\noffset_mv = 1225\ncalibration = 4:-4319, 2875:4933\n");
        coarse = coarse.Replace("adc_attenuation_db = 11 ", extraBoardLine + "adc_attenuation_db = 11 ", StringComparison.Ordinal);
        return _scratch.Write(name, coarse);
    }

    [Fact]
    public void A_cell_count_too_coarse_for_a_detector_floor_is_warned_with_the_channel_the_resolution_and_the_floor()
    {
        // 1100 mV x 196602 / 4096 / 65536 = 0.80566 mV a count at the ADC, / 0.25 = 3.22 mV at the cell. The spike's 20 mV
        // and the run-away step's 20 mV take 20 / 3.22 = 6.2, so 7 whole counts; 3 standard deviations of a difference of
        // two readings at 2 counts of noise are 3 x 2 x sqrt(2) = 8.49 counts. The shape test's 15 mV are 5 counts against
        // 3 x 2 x sqrt(2 / 3) = 4.9 (two means of 3 readings): not warned. The other cells' 0.33 give 2.44 mV, 9 counts.
        string board = CoarseBoard("coarse.board", string.Empty);

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("  2 warnings\n", check.Stdout, StringComparison.Ordinal);
        string warning = Assert.Single(check.Stdout.Split('\n'), l => l.Contains("divider_ratio", StringComparison.Ordinal));
        Assert.StartsWith("    warning: [cell 0] divider_ratio: 0.25 gives 3.22 mV a count at the cell on the typical chip (Vref 1100 mV)", warning, StringComparison.Ordinal);
        Assert.Contains("softShortSpike's 20 mV (SpikeDropMv) is 7 counts, under the 8.5 that 3 standard deviations", warning, StringComparison.Ordinal);
        Assert.Contains("depletionNonlinearRise's 20 mV (ShapeStepMv) is 7 counts, under the 8.5", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("ShapeMinimumRiseMv", warning, StringComparison.Ordinal);
        Assert.EndsWith("(computed from the board file and the controller's detector floors)", warning.TrimEnd(), StringComparison.Ordinal);

        using EdgeSimProcess strict = EdgeSimProcess.Run("board", "--strict", board);

        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("2 warning(s), refused with --strict", strict.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_readings_a_sample_halve_the_noise_and_the_same_channel_is_not_warned()
    {
        // 2 / sqrt(4) = 1 count of noise: 3 x 1 x sqrt(2) = 4.2 counts, under the spike's 7.
        string board = CoarseBoard("coarse4.board", "adc_readings_per_sample = 4\n");

        using EdgeSimProcess check = EdgeSimProcess.Run("board", board);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("  1 warning\n", check.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("divider_ratio", check.Stdout, StringComparison.Ordinal);
    }
}
