// Licensed under the MIT License.

using Edge.HostSim.Output.Report;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>report.html's pack line counts modules and cells in words that agree with the numbers: one cell, two cells.</summary>
public sealed class ReportPackFactTests
{
    [Theory]
    [InlineData(2, 1, "2 modules x 1 cell, nak50-nasicon, 0.5 cm2")]
    [InlineData(1, 2, "1 module x 2 cells, nak50-nasicon, 0.5 cm2")]
    [InlineData(2, 3, "2 modules x 3 cells, nak50-nasicon, 0.5 cm2")]
    public void ThePackLineSaysOneModuleAndOneCellInTheSingular(int modules, int cells, string expected)
    {
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "pack-line", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 0.05,
              "pack": { "modules": {{modules}}, "cellsPerModule": {{cells}}, "preset": "nak50-nasicon", "areaCm2": 0.5 },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ] },
              "controller": { "mode": "observe" } }
            """);
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        string[] pack = Assert.Single(RunReport.Build(scenario, result).Facts, f => f[0] == "pack");

        Assert.Equal(expected, pack[1]);
    }
}
