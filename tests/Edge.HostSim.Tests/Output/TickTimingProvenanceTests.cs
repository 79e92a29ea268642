// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// summary.json's tickTiming says where its numbers come from, as the summary's and score.json's provenance do: the
/// ticks, missed releases and latencies are the simulated scheduling's (no device measured them), the execution
/// times this host's.
/// </summary>
public sealed class TickTimingProvenanceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-timing-provenance-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, true);
        }
    }

    [Fact]
    public void The_summary_states_that_the_tick_timing_is_simulated_and_the_execution_times_the_hosts()
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "timing", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 1,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, RunOutputWriter.SummaryFile);

        RunOutputWriter.WriteSummary(path, scenario, result);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement timing = summary.RootElement.GetProperty("tickTiming");
        Assert.True(timing.TryGetProperty("provenance", out JsonElement provenance), "tickTiming names where its figures come from");
        string text = provenance.GetString()!;
        Assert.StartsWith("simulated: ", text, StringComparison.Ordinal);
        Assert.Contains("not measured on a device", text, StringComparison.Ordinal);
        Assert.Contains("hostExecution", text, StringComparison.Ordinal);
        Assert.Contains("this host", text, StringComparison.Ordinal);
    }
}
