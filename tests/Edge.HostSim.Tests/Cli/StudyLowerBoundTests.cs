// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// study's printed Pareto front marks a capacity still running at the time limit a lower bound, as sweep's printed
/// table does (`&gt;= 0.006` and the same line under the table). study.csv, the plot and report.html said so; the
/// printed front showed `0.006` as final as a variant that stopped.
/// </summary>
public sealed class StudyLowerBoundTests : IDisposable
{
    // Strip 1 mA/cm2 pulses of 1 s, 2 s rests (a pulse every 3 s), 60 s time limit, the capacity limit on an axis.
    // By hand: at 0.001 mAh/cm2 the limit falls 0.001 * 3600 = 3.6 s of current in, in the fourth pulse, at
    // 3 * 3 + 0.6 = 9.6 s: a final capacity of 0.001 at a duty of 3.6 / 9.6 = 0.375. At 0.01 the 20 pulses by 60 s give
    // 20 / 3600 = 0.0056 mAh/cm2, short of the limit: still running, a lower bound, at a duty of 1/3. Neither dominates
    // the other (one has more capacity, the other more duty), so both are on the front.
    private const string Study = """
        { "name": "bound", "seed": 2,
          "base": { "name": "bound", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 60,
            "pack": { "modules": 1, "cellsPerModule": 2, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed", "capacityLimitMAhPerCm2": 0.01 },
            "controller": { "mode": "act" } },
          "axes": [ { "name": "capacityLimit", "field": "protocol.capacityLimitMAhPerCm2", "values": [{values}] } ] }
        """;

    private const string Note = "A capacity marked >= is a lower bound: a module was still running when its variant ended (at the time limit, or interrupted), so it had delivered that much and would have delivered more to its stop.";

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_front_variant_running_at_the_time_limit_is_printed_as_a_lower_bound_with_sweeps_note()
    {
        using EdgeSimProcess study = Run("0.001, 0.01");

        Assert.True(study.ExitCode == 0, study.Stderr);
        string[] printed = study.Stdout.Split('\n');
        string stoppedRow = Assert.Single(printed, l => l.Contains("capacityLimit ", StringComparison.Ordinal) && l.Contains("v0001", StringComparison.Ordinal));
        string runningRow = Assert.Single(printed, l => l.Contains("v0002", StringComparison.Ordinal));
        Assert.Contains(" 0.001 ", stoppedRow, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", stoppedRow, StringComparison.Ordinal);
        Assert.Contains(" >= 0.006 ", runningRow, StringComparison.Ordinal);
        Assert.Contains(" running ", runningRow, StringComparison.Ordinal);

        // The note once, on its own line under the table, in sweep's words.
        int note = Array.FindIndex(printed, l => l.TrimEnd('\r') == Note);
        Assert.True(note > Array.IndexOf(printed, runningRow), study.Stdout);
        Assert.Single(printed, l => l.Contains("is a lower bound", StringComparison.Ordinal));
    }

    [Fact]
    public void A_front_whose_variants_all_stopped_marks_no_capacity()
    {
        using EdgeSimProcess study = Run("0.001");

        Assert.True(study.ExitCode == 0, study.Stderr);
        Assert.Contains("capacityLimit ", study.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", study.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("lower bound", study.Stdout, StringComparison.Ordinal);
    }

    private EdgeSimProcess Run(string values)
    {
        string manifest = _scratch.Write("study.json", Study.Replace("{values}", values, StringComparison.Ordinal));
        return EdgeSimProcess.Run("study", manifest, "--out", _scratch.Path2("study"), "--quiet");
    }
}
