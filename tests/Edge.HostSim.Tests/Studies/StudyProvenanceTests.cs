// Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// study.json, written beside study.csv, says where the figures come from as a run's summary.json does (provenance
/// simulated, the presets and scenario seeds the variants ran), and the Pareto plot's title says simulated with the
/// preset and seed. study.json had the base scenario and the draws' seed but no provenance, and the title neither the
/// preset nor the seed. A folder written before these fields resumes and merges, the merged study.json with them.
/// </summary>
public sealed class StudyProvenanceTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    /// <summary>Two variants of 4 simulated seconds; the base's seed 77, an axis over the seed optional.</summary>
    private static string Manifest(string seedAxis) => """
        { "name": "prov", "seed": 3,
          "base": { "name": "prov", "seed": 77, "samplePeriodMs": 20, "timeLimitS": 4,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for 1 s" ], "rest": "fixed" },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "pulseS", "values": [0.5, 1] }
        """ + seedAxis + " ] }";

    [Fact]
    public void Study_json_and_the_pareto_title_say_simulated_with_preset_and_seed()
    {
        string manifest = _scratch.Write("prov.json", Manifest(string.Empty));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(study.ExitCode == 0, study.Stderr);
        JsonObject json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "study.json")))!.AsObject();
        Assert.StartsWith("simulated: ", (string?)json["provenance"], StringComparison.Ordinal);
        Assert.Contains("not a bench measurement", (string?)json["provenance"], StringComparison.Ordinal);
        Assert.Equal(new[] { "nak50-nasicon" }, json["presets"]!.AsArray().Select(p => (string?)p).ToArray());
        Assert.Equal(new ulong[] { 77 }, json["scenarioSeeds"]!.AsArray().Select(s => (ulong)s!).ToArray());
        Assert.Equal("prov, 2 variants, simulated, preset nak50-nasicon, seed 77", ParetoTitle(outDir));
    }

    [Fact]
    public void An_axis_over_the_seed_lists_every_seed_the_variants_ran()
    {
        string manifest = _scratch.Write("prov.json", Manifest(""", { "name": "runSeed", "field": "seed", "values": [9, 5] }"""));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(study.ExitCode == 0, study.Stderr);
        JsonObject json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "study.json")))!.AsObject();
        Assert.Equal(new ulong[] { 5, 9 }, json["scenarioSeeds"]!.AsArray().Select(s => (ulong)s!).ToArray());
        Assert.Equal("prov, 4 variants, simulated, preset nak50-nasicon, seeds 5, 9", ParetoTitle(outDir));
    }

    [Fact]
    public void A_folder_written_before_the_provenance_resumes_and_its_merge_has_it()
    {
        string manifest = _scratch.Write("prov.json", Manifest(string.Empty));
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string written = File.ReadAllText(Path.Combine(outDir, StudyFolder.ManifestFile));

        // study.json as the earlier edge-sim wrote it: the same study, without the three fields.
        JsonObject older = JsonNode.Parse(written)!.AsObject();
        older.Remove("provenance");
        older.Remove("presets");
        older.Remove("scenarioSeeds");
        File.WriteAllText(Path.Combine(outDir, StudyFolder.ManifestFile), older.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", outDir, "--out", _scratch.Path2("merged"));
        using EdgeSimProcess again = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Equal(written, File.ReadAllText(Path.Combine(_scratch.Path2("merged"), StudyFolder.ManifestFile)));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 variants ran, 2 were already finished", again.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The title of pareto.svg without "name: capacity versus duty cycle (" and ")".</summary>
    private static string ParetoTitle(string outDir)
    {
        string svg = File.ReadAllText(Path.Combine(outDir, StudyFolder.PlotSvgFile));
        Match title = Regex.Match(svg, @"<text[^>]*>\s*prov: capacity versus duty cycle \(([^<]*)\)\s*</text>");
        Assert.True(title.Success, "no title in pareto.svg");
        return "prov, " + title.Groups[1].Value;
    }
}
