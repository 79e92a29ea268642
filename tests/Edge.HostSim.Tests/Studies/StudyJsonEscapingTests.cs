// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// study.json and result.json are written as people read them (a quote as \", + and é as themselves), where the
/// HTML-safe default wrote \u0022, \u002B and \u00E9. study.json was compared as text on resume and merge, so a
/// folder written before in the escaped form must still resume and merge: it is compared by its values.
/// </summary>
public sealed class StudyJsonEscapingTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    private static string Manifest => StudyManifests.Small.Replace("\"base\": { \"name\": \"small\"", "\"base\": { \"name\": \"Zelle é+\\\"1\\\"\"", StringComparison.Ordinal);

    [Fact]
    public void StudyAndResultFilesWriteQuotesPlusAndAccentsReadably()
    {
        string spec = _scratch.Write("spec.json", Manifest);
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run(Patience, null, "study", spec, "--out", outDir, "--quiet");

        Assert.True(study.ExitCode == 0, study.Stderr);
        string manifest = File.ReadAllText(Path.Combine(outDir, StudyFolder.ManifestFile));
        Assert.Contains("\"name\": \"Zelle é+\\\"1\\\"\"", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", File.ReadAllText(Path.Combine(outDir, "variants", "v0001", StudyFolder.ResultFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWrittenInTheOldEscapingResumesAndMerges()
    {
        string spec = _scratch.Write("spec.json", Manifest);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", spec, "--out", outDir, "--quiet", "--shard", "1/2");
        Assert.True(first.ExitCode == 0, first.Stderr);

        // The folder as an earlier edge-sim wrote it: study.json and every result.json in the HTML-safe escaping.
        foreach (string file in Directory.GetFiles(outDir, "*.json", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, JsonNode.Parse(File.ReadAllText(file))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        string old = File.ReadAllText(Path.Combine(outDir, StudyFolder.ManifestFile));
        Assert.Contains("Zelle \\u00E9\\u002B\\u00221\\u0022", old, StringComparison.Ordinal);
        Directory.Delete(Path.Combine(outDir, "variants", "v0003"), true);

        using EdgeSimProcess resumed = EdgeSimProcess.Run(Patience, null, "study", spec, "--out", outDir, "--quiet", "--shard", "1/2");
        using EdgeSimProcess other = EdgeSimProcess.Run(Patience, null, "study", spec, "--out", _scratch.Path2("shard2"), "--quiet", "--shard", "2/2");
        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", outDir, _scratch.Path2("shard2"), "--out", _scratch.Path2("merged"));

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("1 variants ran, 5 were already finished, 0 left", resumed.Stdout, StringComparison.Ordinal);
        Assert.Equal(old, File.ReadAllText(Path.Combine(outDir, StudyFolder.ManifestFile)));
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(_scratch.Path2("merged"), StudyFolder.CsvFile)).Length);
    }
}
