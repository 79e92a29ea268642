// Licensed under the MIT License.

using Edge.HostSim.Output;
using Edge.HostSim.Output.Report;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// report.html's current chart plots each module's current density (trace.csv's module&lt;m&gt;CurrentMAPerCm2): its
/// axis says so, and a note gives the run's electrode area and what 1 mA/cm2 is per module (a module's cells are in
/// series, so its current is the density times the one area). The axis read only "mA/cm2"; plot.svg's current axes
/// read "module current (mA/cm2)", a density named as a current.
/// </summary>
public sealed class ReportCurrentAxisTests
{
    // Two modules of one cell on 0.5 cm2 electrodes, 1 mA/cm2 pulses.
    private const string AreaScenario = """
        { "name": "area", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 3,
          "pack": { "modules": 2, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.5 },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ] },
          "controller": { "mode": "observe" } }
        """;

    [Fact]
    public void TheCurrentChartNamesTheDensityAndTheModuleCurrentOfTheArea()
    {
        Scenario scenario = ScenarioLoader.Parse(AreaScenario);
        SimulationResult result = new ClosedLoopRunner(scenario).Run();

        ReportChart current = Assert.Single(RunReport.Build(scenario, result).Charts, c => c.Title.StartsWith("Module current", StringComparison.Ordinal));

        Assert.Equal("Module current density (mA/cm2)", current.Title);
        Assert.Equal("current density (mA/cm2)", current.YLabel);

        // 0.5 cm2: 1 mA/cm2 through a module's cells in series is 0.5 mA.
        Assert.Contains("current density: a module's current over the electrode area of 0.5 cm2 (1 mA/cm2 is 0.5 mA per module)", current.Notes);

        // The plotted values are densities: 1 mA/cm2 during the pulses, not the 0.5 mA the module carries.
        Assert.Equal(1.0, current.Series.SelectMany(s => s.Max ?? s.Y).Max(), 3);
    }

    [Fact]
    public void ThePlotsCurrentAxesNameTheDensity()
    {
        Scenario scenario = ScenarioLoader.Parse(AreaScenario);
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        string directory = Directory.CreateTempSubdirectory("edge-axis-test-").FullName;
        try
        {
            RunOutputWriter.WriteAll(directory, scenario, result);
            string svg = File.ReadAllText(Path.Combine(directory, "plot.svg"));
            Assert.Contains("module current density (mA/cm2)", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("module current (mA/cm2)", svg, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
