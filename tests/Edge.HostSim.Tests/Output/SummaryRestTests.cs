// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// summary.json's <c>rest</c> says how the run rested: the rest setting where the protocol has a rest step for it to
/// apply to, <c>none</c> for a continuous current (no rest step, one direction: the switch stays closed until a stop)
/// and <c>directionChangeOnly</c> for a protocol that strips and plates without rest steps (only the core's
/// direction-change rests). A continuous run said "fixed", the setting's default, though it never rested.
/// report.html's summary agrees with it.
/// </summary>
public sealed partial class SummaryRestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-summary-rest-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Theory]
    [InlineData("\"Strip at 1 mA/cm2\"", "", "none", "none: continuous current")]
    [InlineData("\"Strip at 1 mA/cm2\"", ", \"rest\": \"adaptive\"", "none", "none: continuous current")]
    [InlineData("\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\"", "", "fixed", "fixed")]
    [InlineData("\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\"", ", \"rest\": \"fixed\"", "fixed", "fixed")]
    [InlineData("\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\"", ", \"rest\": \"adaptive\"", "adaptive", "adaptive")]
    [InlineData("\"Strip at 1 mA/cm2 for 1 s\", \"Plate at 1 mA/cm2 for 1 s\"", "", "directionChangeOnly", "none: direction-change rests only")]
    public void TheSummaryAndTheReportSayHowTheRunRested(string steps, string rest, string summaryRest, string reportRest)
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "rest", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 3,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ STEPS ]REST },
              "controller": { "mode": "observe" } }
            """.Replace("STEPS", steps, StringComparison.Ordinal).Replace("REST", rest, StringComparison.Ordinal));
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        RunOutputWriter.WriteAll(_directory, scenario, result);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "summary.json")));
        Assert.Equal(summaryRest, summary.RootElement.GetProperty("rest").GetString());
        Assert.Equal(reportRest, Facts(_directory)["rest"]);
    }

    /// <summary>The report's summary block as it carries it: label and value pairs in the page's data.</summary>
    internal static Dictionary<string, string> Facts(string outDir)
    {
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        using JsonDocument data = JsonDocument.Parse(ReportData().Match(html).Groups[1].Value);
        return data.RootElement.GetProperty("facts").EnumerateArray().ToDictionary(f => f[0].GetString()!, f => f[1].GetString()!);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ReportData();
}
