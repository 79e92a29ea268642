// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// CONTRACT.md's health section tells a reader how summary.json's tickTiming relates to the device's health figures:
/// every field the simulator writes there is named in it, so none is left to be guessed from a device name.
/// </summary>
public sealed class TickTimingContractTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-timing-contract-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, true);
        }
    }

    [Fact]
    public void Every_tickTiming_field_of_the_summary_is_named_in_the_contracts_health_section()
    {
        string contract = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "firmware", "Edge.Core.Messaging", "Telemetry", "CONTRACT.md"));
        int start = contract.IndexOf("## `health`: tick timing", StringComparison.Ordinal);
        Assert.True(start >= 0, "CONTRACT.md has a health section");
        int end = contract.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string health = end > start ? contract.Substring(start, end - start) : contract.Substring(start);

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
        foreach (JsonProperty field in summary.RootElement.GetProperty("tickTiming").EnumerateObject())
        {
            Assert.True(health.Contains("`" + field.Name + "`", StringComparison.Ordinal), "tickTiming." + field.Name + " is not named in CONTRACT.md's health section");
        }
    }
}
