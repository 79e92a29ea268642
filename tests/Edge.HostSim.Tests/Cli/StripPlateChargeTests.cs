// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// A strip/plate cycle through edge-sim run: its net charge is about 0, so summary.json, the report's module table and the
/// printed table must also say what was stripped and what was plated; a net of 0 alone read as a run that moved nothing.
/// </summary>
public sealed class StripPlateChargeTests : IDisposable
{
    // 0.5 cm2 makes 0.2 mA/cm2 a whole 100 uA, so no rounding of the setpoint to the controller's whole uA enters the charges.
    private const string Cycle = """
        { "name": "strip-plate-once", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 600,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.5 },
          "protocol": { "steps": [ "Strip at 0.2 mA/cm2 for 60 s", "Rest for 10 s", "Plate at 0.2 mA/cm2 for 60 s", "Rest for 10 s" ],
                        "repeat": false, "rest": "fixed" },
          "controller": { "mode": "act" } }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-sim-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, true);
        }
    }

    [Fact]
    public void A_strip_plate_cycle_reports_its_stripped_and_plated_charge_beside_the_net()
    {
        Directory.CreateDirectory(_directory);
        string scenario = Path.Combine(_directory, "cycle.json");
        File.WriteAllText(scenario, Cycle);
        string outDir = Path.Combine(_directory, "out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());

        // 60 s at 0.2 mA/cm2 each way: 12 mAs/cm2 = 1/300 mAh/cm2 stripped, the same plated, net 0.
        const double each = 0.2 * 60 / 3600;
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        JsonElement module = summary.RootElement.GetProperty("modules")[0];
        Assert.Equal("protocolComplete", module.GetProperty("stopReason").GetString());
        Assert.Equal(0.0, module.GetProperty("capacityMAhPerCm2").GetDouble(), 9);
        Assert.Equal(each, module.GetProperty("strippedMAhPerCm2").GetDouble(), 9);
        Assert.Equal(each, module.GetProperty("platedMAhPerCm2").GetDouble(), 9);

        Assert.Contains("module 0: stripped 0.003, plated 0.003 mAh/cm2 (net 0, the table's)", stdout.ToString(), StringComparison.Ordinal);

        JsonElement table = ReportModulesTable(outDir);
        string[] columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        JsonElement row = table.GetProperty("rows")[0];
        Assert.Equal("0", row[Array.IndexOf(columns, "net stripped (mAh/cm2)")].GetString());
        Assert.Equal("0.003", row[Array.IndexOf(columns, "stripped (mAh/cm2)")].GetString());
        Assert.Equal("0.003", row[Array.IndexOf(columns, "plated (mAh/cm2)")].GetString());
    }

    private static JsonElement ReportModulesTable(string outDir)
    {
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Match data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success, "no report data");
        return JsonDocument.Parse(data.Groups[1].Value).RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == "Modules").Clone();
    }
}
