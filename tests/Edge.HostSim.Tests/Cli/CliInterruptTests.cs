// Licensed under the MIT License.

using System.Text.Json;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>Ctrl-C (SIGINT to the real process) ends run and sweep with exit 130 after writing what finished, marked as cancelled.</summary>
public sealed class CliInterruptTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void InterruptedRunWritesItsOutputsMarkedCancelledAndExits130()
    {
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess run = EdgeSimProcess.Start(null, "run", scenario, "--out", outDir, "--progress", "plain");
        Assert.True(run.WaitForStderr("simulated", Patience), "no progress line: " + run.Stderr);

        run.Interrupt();
        run.WaitForExit(Patience);

        Assert.True(run.ExitCode == 130, "exit code " + run.ExitCode + ", not 130; stdout: " + run.Stdout + "; stderr: " + run.Stderr);
        Assert.Contains("cancelled", run.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("cancelled", summary.RootElement.GetProperty("terminatedBy").GetString());
        double simulatedS = summary.RootElement.GetProperty("simulatedS").GetDouble();
        Assert.InRange(simulatedS, 1, 699999);
        Assert.Equal("running", summary.RootElement.GetProperty("modules")[0].GetProperty("stopReason").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "trace.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "plot.svg")));
    }

    [Fact]
    public void InterruptedSweepKeepsFinishedVariantsAndMarksTheRest()
    {
        // 1 s pulses with 0.1 s rests reach the cut-off in the first seconds ([W]: minimal capacity); the 5 s
        // rests run on for a minute. Both start at once on two workers.
        string scenario = _scratch.Write("long.json", CliScratch.LongScenario);
        string outDir = _scratch.Path2("sweep");
        using EdgeSimProcess sweep = EdgeSimProcess.Start(null, "sweep", scenario, "--rest", "0.1,5", "--parallel", "2", "--out", outDir, "--progress", "plain");
        Assert.True(sweep.WaitForStderr("1 of 2 variants done", Patience), "the short variant did not finish: " + sweep.Stderr);

        sweep.Interrupt();
        sweep.WaitForExit(Patience);

        Assert.True(sweep.ExitCode == 130, "exit code " + sweep.ExitCode + ", not 130; stdout: " + sweep.Stdout + "; stderr: " + sweep.Stderr);
        Assert.Contains("cancelled: 1 of 2 variants finished", sweep.Stdout, StringComparison.Ordinal);
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("0.1,", csv[1], StringComparison.Ordinal);
        Assert.Contains(",cutoff,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("5,", csv[2], StringComparison.Ordinal);
        Assert.Contains(",cancelled,", csv[2], StringComparison.Ordinal);
    }
}
