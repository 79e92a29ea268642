// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim run on a board too coarse for the detectors' fixed floors warns of it at the noise the run simulates, as
/// the simulator's warning (stderr, summary.json's warnings): the run's softShortSpike and depletionNonlinearRise
/// events on healthy cells looked like faults of the cells, and nothing of the run said otherwise.
/// </summary>
public sealed class RunBoardResolutionTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// The DevKitC with cell 0 behind a 0.25 divider around 1225 mV, its points on the typical chip's line
    /// (142 + 0.80566 mV a count at the ADC): 4 counts 145.2 mV, (145.2 - 1225) / 0.25 = -4319 mV; 2875 counts
    /// 2458.3 mV, 4933 mV. One ADC reading a sample, as the DevKitC's.
    /// </summary>
    private void WriteCoarseBoard()
    {
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        Assert.Contains("divider_ratio = 0.33\noffset_mv = 1225\ncalibration = 4:-3272,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("adc_readings_per_sample", text, StringComparison.Ordinal);
        _scratch.Write("coarse.board", Regex.Replace(text, "divider_ratio = 0\\.33\noffset_mv = 1225\ncalibration = [^\n]*\n", "divider_ratio = 0.25\noffset_mv = 1225\ncalibration = 4:-4319, 2875:4933\n"));
    }

    private EdgeSimProcess Run(string measurement) => EdgeSimProcess.Run("run", WriteScenario(measurement), "--out", _scratch.Path2("out"), "--quiet");

    private string WriteScenario(string measurement)
    {
        WriteCoarseBoard();
        return _scratch.Write("scenario.json", """
            { "name": "coarse", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 2,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed" },
              "measurement": { "board": "coarse.board", 
            """ + measurement + " }, \"controller\": { \"mode\": \"act\" } }");
    }

    private string[] SummaryWarnings()
    {
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(_scratch.Path2("out/summary.json")));
        return summary.RootElement.GetProperty("warnings").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Fact]
    public void A_run_at_the_boards_typical_noise_warns_of_the_coarse_channel_on_stderr_and_in_the_summary()
    {
        // 1100 mV x 196602 / 4096 / 65536 = 0.80566 mV a count at the ADC, / 0.25 = 3.22 mV at the cell: the spike's and
        // the run-away step's 20 mV are 7 whole counts, under 3 x 2 x sqrt(2) = 8.49 at the scenario's 2 counts of noise;
        // the shape test's 15 mV are 5 counts over 3 x 2 x sqrt(2 / 3) = 4.90. The other cells' 0.33: 2.44 mV, 9 counts.
        using EdgeSimProcess run = Run("\"adcNoiseCounts\": 2");

        Assert.True(run.ExitCode == 0, run.Stderr);
        string warning = Assert.Single(run.Stderr.Split('\n'), l => l.Contains("divider_ratio", StringComparison.Ordinal));
        Assert.StartsWith("warning: [cell 0] divider_ratio: 0.25 gives 3.22 mV a count at the cell on the typical chip (Vref 1100 mV), too coarse for the detectors' floors at the run's 2 counts of reading noise (measurement.adcNoiseCounts): ", warning, StringComparison.Ordinal);
        Assert.Contains("softShortSpike's 20 mV (SpikeDropMv) is 7 counts, under the 8.5 that 3 standard deviations", warning, StringComparison.Ordinal);
        Assert.Contains("depletionNonlinearRise's 20 mV (ShapeStepMv) is 7 counts, under the 8.5", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("ShapeMinimumRiseMv", warning, StringComparison.Ordinal);
        Assert.EndsWith("(computed from board 'esp32-devkitc-4s2m', the scenario's measurement noise and the controller's detector floors)", warning.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(warning.Substring("warning: ".Length).TrimEnd(), SummaryWarnings());
    }

    [Fact]
    public void The_scenarios_noise_and_readings_a_sample_are_the_ones_judged()
    {
        // 4 counts over 4 readings a sample: 4 / sqrt(4) = 2 counts, the same 8.49 against cell 0's 7 counts; the
        // 0.33 cells' 9 counts clear it. At 4 counts a reading the board's own single reading would be 3 x 4 x sqrt(2) = 17.0.
        using EdgeSimProcess run = Run("\"adcNoiseCounts\": 4, \"adcReadingsPerSample\": 4");

        Assert.True(run.ExitCode == 0, run.Stderr);
        string warning = Assert.Single(SummaryWarnings(), w => w.Contains("divider_ratio", StringComparison.Ordinal));
        Assert.StartsWith("[cell 0] divider_ratio: 0.25", warning, StringComparison.Ordinal);
        Assert.Contains("at the run's 4 counts of reading noise (measurement.adcNoiseCounts) over measurement.adcReadingsPerSample 4 (2 counts): ", warning, StringComparison.Ordinal);
        Assert.Contains("is 7 counts, under the 8.5 that", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_on_the_board_warns_of_it_once_for_its_variants()
    {
        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", WriteScenario("\"adcNoiseCounts\": 2"), "--rest", "1,2", "--out", _scratch.Path2("out"), "--quiet");

        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        string warning = Assert.Single(sweep.Stderr.Split('\n'), l => l.Contains("divider_ratio", StringComparison.Ordinal));
        Assert.StartsWith("warning: [cell 0] divider_ratio: 0.25 gives 3.22 mV a count", warning, StringComparison.Ordinal);
        Assert.Contains("is 7 counts, under the 8.5 that", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("variants)", warning, StringComparison.Ordinal);
        Assert.Contains("- " + warning.TrimEnd() + "\n", File.ReadAllText(_scratch.Path2("out/sweep.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_reading_noise_is_not_warned()
    {
        using EdgeSimProcess run = Run("\"adcNoiseCounts\": 0");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("divider_ratio", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(SummaryWarnings(), w => w.Contains("divider_ratio", StringComparison.Ordinal));
    }
}
