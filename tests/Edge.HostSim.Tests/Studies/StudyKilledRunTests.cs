// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// A study killed with SIGKILL (or by a node going down) between creating a temporary file and renaming it leaves that
/// file in the folder. The rerun never took one as a result, but kept it for good: a finished folder still held a
/// half-written result.json.tmp-... beside the variants' files.
/// </summary>
public sealed class StudyKilledRunTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ARerunRemovesTheTemporaryFilesAKilledRunLeftAndWritesTheUninterruptedStudy()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string whole = _scratch.Path2("whole");
        string killed = _scratch.Path2("killed");
        using EdgeSimProcess uninterrupted = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", whole, "--quiet");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", killed, "--quiet");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Stderr);
        Assert.True(first.ExitCode == 0, first.Stderr);

        // What a kill leaves (2 of 14 SIGKILLs into a 240-variant study left one): v0003 killed while writing its
        // timing, before its result; v0010 while writing its result, its timing saved; study.json's own while claiming.
        Directory.Delete(Path.Combine(killed, "variants", "v0003"), true);
        Directory.CreateDirectory(Path.Combine(killed, "variants", "v0003"));
        File.WriteAllText(Path.Combine(killed, "variants", "v0003", "timing.json.tmp-1-0f1e2d3c4b5a69788796a5b4c3d2e1f0"), string.Empty);
        File.Delete(Path.Combine(killed, "variants", "v0010", "result.json"));
        File.WriteAllText(Path.Combine(killed, "variants", "v0010", "result.json.tmp-1-1f1e2d3c4b5a69788796a5b4c3d2e1f0"), "{\"variant\": \"v0010\", \"ind");
        File.WriteAllText(Path.Combine(killed, "study.json.tmp-1-2f1e2d3c4b5a69788796a5b4c3d2e1f0"), "{");

        // Another writer of this folder (a second pod of the same index) is writing v0005's result: its file is open, so kept.
        string live = Path.Combine(killed, "variants", "v0005", "result.json.tmp-1-3f1e2d3c4b5a69788796a5b4c3d2e1f0");
        using (FileStream other = new FileStream(live, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using EdgeSimProcess rerun = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", killed, "--quiet");

            Assert.True(rerun.ExitCode == 0, rerun.Stderr);
            Assert.Contains("2 variants ran, 10 were already finished, 0 left; 12 of 12 in the folder", rerun.Stdout, StringComparison.Ordinal);
            Assert.Contains(
                "study small: removed 3 temporary files an interrupted run left (study.json.tmp-1-2f1e2d3c4b5a69788796a5b4c3d2e1f0, "
                + Path.Combine("variants", "v0003", "timing.json.tmp-1-0f1e2d3c4b5a69788796a5b4c3d2e1f0") + ", "
                + Path.Combine("variants", "v0010", "result.json.tmp-1-1f1e2d3c4b5a69788796a5b4c3d2e1f0") + ")",
                rerun.Stderr,
                StringComparison.Ordinal);
            Assert.True(File.Exists(live));
        }

        Assert.Equal(new[] { live }, Directory.EnumerateFiles(killed, "*.tmp-*", SearchOption.AllDirectories).ToArray());
        File.Delete(live);
        foreach (string file in new[] { "study.json", "study.csv", "study-warnings.txt", "pareto.svg", "pareto.png", Path.Combine("variants", "v0003", "result.json"), Path.Combine("variants", "v0010", "result.json") })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed, file))), file + " differs from the uninterrupted study's");
        }

        Assert.Equal(
            Directory.EnumerateFiles(whole, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(whole, f)).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(killed, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(killed, f)).Order(StringComparer.Ordinal));
        Assert.Equal(13, File.ReadAllLines(Path.Combine(killed, "study-timing.csv")).Length);
    }

    [Fact]
    public void AMergeIntoAShardFolderRemovesTheTemporaryFilesAKilledRunLeftThere()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        for (int i = 1; i <= 2; i++)
        {
            using EdgeSimProcess shard = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", _scratch.Path2("shard" + i), "--shard", i + "/2", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.Stderr);
        }

        File.WriteAllText(Path.Combine(_scratch.Path2("shard1"), "variants", "v0001", "timing.json.tmp-7-4f1e2d3c4b5a69788796a5b4c3d2e1f0"), "{\"wal");

        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), "--out", _scratch.Path2("shard1"));

        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Contains("merge: removed 1 temporary file an interrupted run left (" + Path.Combine("variants", "v0001", "timing.json.tmp-7-4f1e2d3c4b5a69788796a5b4c3d2e1f0") + ")", merge.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_scratch.Path2("shard1"), "*.tmp-*", SearchOption.AllDirectories));
        Assert.Equal(13, File.ReadAllLines(Path.Combine(_scratch.Path2("shard1"), "study.csv")).Length);
    }
}
