// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// A sweep's folder says where its figures come from beside sweep.csv, which has no room for it: sweep.json carries a
/// run summary's provenance fields (scenario, seed, provenance, preset, mode, sample period) and the rests; and the plot,
/// which travels alone, says simulated in its title. sweep.csv had nothing beside it but sweep.md's first line, and the
/// plot said simulated only in its legend.
/// </summary>
public sealed class SweepProvenanceTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    private const string Scenario = """
        { "name": "prov-sweep", "seed": 4242, "samplePeriodMs": 20, "timeLimitS": 6,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "act" } }
        """;

    [Fact]
    public void Sweep_json_beside_sweep_csv_says_simulated_with_the_scenario_seed_preset_and_rests()
    {
        string scenario = _scratch.Write("prov-sweep.json", Scenario);
        string outDir = _scratch.Path2("sweep");
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "0.5,1", "--out", outDir, "--quiet" }, new StringWriter(), stderr);

        Assert.True(code == 0, stderr.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "sweep.csv")));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.json")));
        JsonElement root = json.RootElement;
        Assert.Equal("prov-sweep", root.GetProperty("scenario").GetString());
        Assert.Equal(4242UL, root.GetProperty("seed").GetUInt64());
        Assert.StartsWith("simulated: ", root.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a bench measurement", root.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.Equal("nak50-nasicon", root.GetProperty("preset").GetString());
        Assert.Equal("act", root.GetProperty("mode").GetString());
        Assert.Equal(20, root.GetProperty("samplePeriodMs").GetInt32());
        Assert.Equal(new[] { 0.5, 1.0 }, root.GetProperty("restsS").EnumerateArray().Select(r => r.GetDouble()).ToArray());
        Assert.Equal("sweep.csv", root.GetProperty("table").GetString());

        string svg = File.ReadAllText(Path.Combine(outDir, "sweep.svg"));
        string title = Regex.Match(svg, @"<text[^>]*>\s*(prov-sweep: capacity versus rest[^<]*)</text>").Groups[1].Value.Trim();
        Assert.StartsWith("prov-sweep: capacity versus rest, simulated (nak50-nasicon, ", title, StringComparison.Ordinal);
        Assert.Contains("seed 4242", title, StringComparison.Ordinal);
    }
}
