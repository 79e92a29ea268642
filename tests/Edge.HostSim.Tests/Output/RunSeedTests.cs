// Licensed under the MIT License.

using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// A run's outputs and a sweep's name the seed the figures were simulated with (with the scenario, what reproduces
/// them): summary.json, report.html and the plot's title. A run named its preset and mode but no seed anywhere, and
/// a sweep's plot and report.html neither its seed nor its preset, pulse and mode (sweep.md alone gave the seed).
/// </summary>
public sealed class RunSeedTests : IDisposable
{
    private const string Json = """
        { "name": "seeded", "seed": 7731, "samplePeriodMs": 10, "timeLimitS": 4,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ] },
          "controller": { "mode": "observe" } }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("edge-seed-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void ARunsSummaryReportAndPlotNameItsSeed()
    {
        Scenario scenario = ScenarioLoader.Parse(Json);
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        RunOutputWriter.WriteAll(_directory, scenario, result);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "summary.json")));
        Assert.Equal(7731UL, summary.RootElement.GetProperty("seed").GetUInt64());
        Assert.Contains("seed 7731", File.ReadAllText(Path.Combine(_directory, "plot.svg")), StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(_directory, "report.html"));
        Assert.Contains("\"seed\",\"7731 (noise, spread and probabilistic faults)\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ASweepsPlotAndReportNameItsSeedPresetPulseAndMode()
    {
        Scenario scenario = ScenarioLoader.Parse(Json);
        SweepPoint[] points = SweepRunner.Run(scenario, new[] { 0.5, 1.0 }).Select(p => p!).ToArray();
        SweepOutputWriter.WriteAll(_directory, scenario.Name, points);

        const string Setting = "nak50-nasicon, Strip at 1 mA/cm2 for 1 s, observe mode, seed 7731, 10 ms samples";
        Assert.Contains(Setting, File.ReadAllText(Path.Combine(_directory, "sweep.svg")), StringComparison.Ordinal);
        Assert.Contains(Setting, File.ReadAllText(Path.Combine(_directory, "report.html")), StringComparison.Ordinal);
    }
}
