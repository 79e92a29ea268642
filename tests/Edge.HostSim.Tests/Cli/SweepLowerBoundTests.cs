// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// A sweep variant still running at the time limit has delivered its capacity so far, a lower bound of what it would
/// deliver to its stop. study marks such a capacity; sweep printed it as a plain number (`| 0.5 | 0.017 | 0.5 | running
/// | 60 |`), as final as a variant that stopped. The printed table and sweep.md now show `&gt;= 0.006`, sweep.csv keeps
/// its number and says so in a column of its own, and the plot draws it as an open triangle under the study plot's wording.
/// </summary>
public sealed class SweepLowerBoundTests : IDisposable
{
    // Strip 1 mA/cm2 pulses of 1 s to a 0.01 mAh/cm2 capacity limit, 60 s time limit. By hand: continuous current
    // (rest 0) delivers 0.01 mAh/cm2 after 0.01 * 3600 / 1 = 36 s and stops at the limit, a final capacity. With 2 s
    // rests a pulse starts every 3 s: 20 pulses by 60 s, 20 s * 1 mA/cm2 / 3600 = 0.0056 mAh/cm2, short of the limit,
    // so that variant is still running at the time limit and 0.0056 is a lower bound.
    private const string Scenario = """
        { "name": "bound", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 60,
          "pack": { "modules": 1, "cellsPerModule": 2, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed", "capacityLimitMAhPerCm2": 0.01 },
          "controller": { "mode": "act" } }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_variant_running_at_the_time_limit_has_its_capacity_marked_a_lower_bound_everywhere()
    {
        string scenario = _scratch.Write("bound.json", Scenario);
        string outDir = _scratch.Path2("sweep");

        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", "0,2", "--out", outDir, "--quiet");

        Assert.True(sweep.ExitCode == 0, sweep.Stderr);

        // Printed table: the running variant's capacity marked, the stopped one's plain, and a line saying what >= means.
        string[] printed = sweep.Stdout.Split('\n');
        string stoppedRow = Assert.Single(printed, l => l.Contains("capacityLimit", StringComparison.Ordinal));
        string runningRow = Assert.Single(printed, l => l.Contains("running", StringComparison.Ordinal) && !l.StartsWith("A capacity", StringComparison.Ordinal));
        Assert.Contains(" 0.01 ", stoppedRow, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", stoppedRow, StringComparison.Ordinal);
        Assert.Contains(">= 0.006", runningRow, StringComparison.Ordinal);
        Assert.Contains("A capacity marked >= is a lower bound", sweep.Stdout, StringComparison.Ordinal);

        string md = File.ReadAllText(Path.Combine(outDir, "sweep.md"));
        Assert.Contains("| 0 | 0.01 | 1 | capacityLimit |", md, StringComparison.Ordinal);
        Assert.Contains("| 2 | >= 0.006 | 0.333 | running |", md, StringComparison.Ordinal);
        Assert.Contains("A capacity marked >= is a lower bound", md, StringComparison.Ordinal);

        // sweep.csv: numbers stay numbers for the programs that read them; a column says which are lower bounds.
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        string[] header = csv[0].Split(',');
        int capacity = Array.IndexOf(header, "capacityMAhPerCm2");
        int bound = Array.IndexOf(header, "capacityIsLowerBound");
        Assert.True(bound >= 0, csv[0]);
        Assert.Equal(new[] { "0.01", "false" }, new[] { csv[1].Split(',')[capacity], csv[1].Split(',')[bound] });
        Assert.Equal(new[] { "0.0056", "true" }, new[] { csv[2].Split(',')[capacity], csv[2].Split(',')[bound] });

        // The plot and the report: the study plot's "(capacity a lower bound)" wording, and which rest it is.
        Assert.Contains("(capacity a lower bound)", File.ReadAllText(Path.Combine(outDir, "sweep.svg")), StringComparison.Ordinal);
        Assert.Contains("\"capacity a lower bound\",\"rest 2 s (", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_whose_variants_all_stopped_marks_no_capacity()
    {
        string scenario = _scratch.Write("bound.json", Scenario);
        string outDir = _scratch.Path2("sweep");

        using EdgeSimProcess sweep = EdgeSimProcess.Run("sweep", scenario, "--rest", "0", "--out", outDir, "--quiet");

        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.DoesNotContain(">=", sweep.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", File.ReadAllText(Path.Combine(outDir, "sweep.md")), StringComparison.Ordinal);
        Assert.EndsWith(",false", File.ReadAllLines(Path.Combine(outDir, "sweep.csv"))[1], StringComparison.Ordinal);
        Assert.DoesNotContain("lower bound", File.ReadAllText(Path.Combine(outDir, "sweep.svg")), StringComparison.Ordinal);
    }
}
