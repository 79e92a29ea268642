// Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// A study run as 3 shards in 3 separate edge-sim processes and merged gives byte for byte the files of the
/// same study run in one process (wall times apart, which live in their own timing files).
/// </summary>
public sealed class StudyShardTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ThreeShardsMergedEqualTheSingleRunByteForByte()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string single = _scratch.Path2("single");
        using EdgeSimProcess whole = EdgeSimProcess.Start(null, "study", manifest, "--out", single, "--quiet", "--parallel", "1");
        List<EdgeSimProcess> shards = new List<EdgeSimProcess>();
        for (int i = 1; i <= 3; i++)
        {
            shards.Add(EdgeSimProcess.Start(null, "study", manifest, "--out", _scratch.Path2("shard" + i), "--shard", i + "/3", "--quiet", "--parallel", "1"));
        }

        whole.WaitForExit(Patience);
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        foreach (EdgeSimProcess shard in shards)
        {
            shard.WaitForExit(Patience);
            Assert.True(shard.ExitCode == 0, shard.Stderr);
            Assert.Contains("4 variants ran", shard.Stdout, StringComparison.Ordinal);
            shard.Dispose();
        }

        string merged = _scratch.Path2("merged");
        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), _scratch.Path2("shard3"), "--out", merged);
        Assert.True(merge.ExitCode == 0, merge.Stderr);

        string[] expected = Deterministic(single);
        Assert.Equal(expected, Deterministic(merged));
        Assert.Equal(12, expected.Count(f => f.EndsWith("result.json", StringComparison.Ordinal)));
        foreach (string file in new[] { "study.csv", "study.json", "pareto.png", "pareto.svg", "report.html" })
        {
            Assert.Contains(file, expected);
        }

        foreach (string file in expected)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(single, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), file + " differs between the single run and the merged shards");
        }

        Assert.Equal(13, File.ReadAllLines(Path.Combine(merged, "study-timing.csv")).Length);

        // A shard folder named twice (a slip when pasting paths) is one folder: the same table, counted once.
        string twice = _scratch.Path2("merged-twice");
        using EdgeSimProcess again = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), _scratch.Path2("shard3"), _scratch.Path2("shard3") + "/", "--out", twice);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("merged 12 variants from 3 folders (one named twice)", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(merged, "study.csv")), File.ReadAllBytes(Path.Combine(twice, "study.csv")));
    }

    [Fact]
    public void MergeNamesTheMissingVariants()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        using EdgeSimProcess shard = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", _scratch.Path2("shard1"), "--shard", "1/3", "--quiet");
        Assert.True(shard.ExitCode == 0, shard.Stderr);

        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), "--out", _scratch.Path2("merged"));

        CliArgumentTests.AssertRejected(merge, "8 of 12 variants", "are in no shard folder (v0002, v0003, v0005");
    }

    [Fact]
    public void MergeOfShardsOfAnEditedSpecNamesTheEditedField()
    {
        // Shard 3 ran after the spec's seed was edited: its draws are other draws, and the refusal says so.
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string edited = _scratch.Write("edited.json", StudyManifests.Small.Replace("\"seed\": 3", "\"seed\": 9", StringComparison.Ordinal));
        foreach ((string spec, int i) in new[] { (manifest, 1), (manifest, 2), (edited, 3) })
        {
            using EdgeSimProcess shard = EdgeSimProcess.Run(Patience, null, "study", spec, "--out", _scratch.Path2("shard" + i), "--shard", i + "/3", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.Stderr);
        }

        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), _scratch.Path2("shard3"), "--out", _scratch.Path2("merged"));

        CliArgumentTests.AssertRejected(merge, "belongs to a different study than '" + _scratch.Path2("shard1") + "'", "(study.json differs: seed: 3 in '" + _scratch.Path2("shard1") + "', 9 here)");
        Assert.False(Directory.Exists(_scratch.Path2("merged")));
    }

    [Fact]
    public void ShardZeroIsRefusedSayingShardsCountFromOne()
    {
        // A Kubernetes Indexed Job's completion index counts from 0: given as it is, the first pod asks for shard 0.
        string manifest = _scratch.Write("study.json", StudyManifests.Small);

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--out", _scratch.Path2("out"), "--shard", "0/3");

        CliArgumentTests.AssertRejected(study, "--shard", "'0/3': shards are numbered from 1 to N (1/3 to 3/3)");
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Theory]
    [InlineData("1/2")]
    [InlineData("2/2")]
    public void AVariantWhoseBoardCannotBeCalibratedRefusesEveryShardBeforeAnyRuns(string shard)
    {
        // my.board with cell 1's divider at 0.2 against points taken at 0.3297: it loads, but no unit of it can be
        // calibrated (edge-sim board refuses it). Such a variant stopped its shard part-way with exit 1 and no study.csv,
        // while the shard without one finished and left a merge short of it.
        string manifest = StudyManifests.WriteWithBoardFile(_scratch.Root);
        string board = File.ReadAllText(Path.Combine(_scratch.Root, "my.board"));
        Assert.Contains("divider_ratio = 0.3297 ", board, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_scratch.Root, "divider.board"), board.Replace("divider_ratio = 0.3297 ", "divider_ratio = 0.2    ", StringComparison.Ordinal));
        File.WriteAllText(manifest, StudyManifests.WithBoardFile.Replace(
            "\"axes\": [ { \"name\": \"pulseS\", \"values\": [0.5, 1] } ]",
            "\"axes\": [ { \"name\": \"pulseS\", \"values\": [0.5, 1] }, { \"name\": \"board\", \"field\": \"measurement.board\", \"values\": [\"my.board\", \"divider.board\"] } ]",
            StringComparison.Ordinal));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--shard", shard, "--quiet");

        CliArgumentTests.AssertRejected(study, "variant v0002 (pulseS = 0.5, board = divider.board) is not a valid scenario", "measurement.board: esp32-devkitc-4s2m: the simulated unit cannot be calibrated");
        Assert.Contains("[cell 1]", study.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", study.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ShardMustBeIOfN()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--out", _scratch.Path2("out"), "--shard", "4/3");

        CliArgumentTests.AssertRejected(study, "--shard", "'4/3' needs 1 <= i <= N");
    }

    [Theory]
    [InlineData("13/13", false)]
    [InlineData("20/20", false)]
    [InlineData("1/13", false)]
    [InlineData("13/13", true)]
    public void MoreShardsThanVariantsAreRefused(string shard, bool list)
    {
        // 12 variants: a 13th shard would hold none and write an empty study that merges as if it had run.
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = list
            ? EdgeSimProcess.Run("study", manifest, "--list", "--shard", shard)
            : EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--shard", shard, "--quiet");

        CliArgumentTests.AssertRejected(study, "--shard " + shard, "the study has 12 variants, so N must not exceed 12");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ListNeedsNoFolderAndShowsWhichShardRunsEachVariant()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string[] before = Directory.GetFileSystemEntries(_scratch.Root);

        using EdgeSimProcess list = EdgeSimProcess.Run(Patience, _scratch.Root, "study", manifest, "--list", "--shard", "2/3");

        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal(before, Directory.GetFileSystemEntries(_scratch.Root));

        // 2 pulse lengths x 3 currents x 2 draws, numbered from 1; every third from variant i runs in shard i.
        string[] rows = list.Stdout.Split('\n').Where(l => l.Contains(" v00", StringComparison.Ordinal)).ToArray();
        Assert.Equal(12, rows.Length);
        for (int v = 1; v <= 12; v++)
        {
            string[] cells = rows[v - 1].Split('\u2502', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal("v" + v.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal((((v - 1) % 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[^1]);
        }
    }

    [Fact]
    public void RunningAStudyNeedsAnOutputFolder()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--quiet");

        CliArgumentTests.AssertRejected(study, "--out DIR", "is required");
    }

    [Fact]
    public void ShardsOfAStudyMeasuredThroughABoardFileMergeFromTheirFoldersAlone()
    {
        string manifestPath = StudyManifests.WriteWithBoardFile(_scratch.Root);
        StudySpec spec = StudyLoader.LoadFile(manifestPath);
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(spec);
        string manifest = StudyFolder.Manifest(spec, variants);
        string[] shards = WriteShards(manifest, variants);

        // The shard folders may be all a merge machine has: neither the manifest's folder nor its board file.
        string boardHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_scratch.Path2("my.board"))));
        File.Delete(_scratch.Path2("my.board"));
        int merged = StudyMerge.Merge(shards, _scratch.Path2("merged"), StudyLoader.LoadFile);

        Assert.Equal(2, merged);
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(_scratch.Path2("merged"), StudyFolder.ManifestFile)));
        Assert.Contains("\"sha256\": \"" + boardHash + "\"", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void ShardsMeasuredThroughDifferentVersionsOfTheBoardFileAreNotMergedAndTheFileIsNamed()
    {
        string manifestPath = StudyManifests.WriteWithBoardFile(_scratch.Root);
        StudySpec before = StudyLoader.LoadFile(manifestPath);
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(before);
        string[] shards = WriteShards(StudyFolder.Manifest(before, variants), variants);
        StudyManifests.RecalibrateBoard(_scratch.Root);
        StudySpec after = StudyLoader.LoadFile(manifestPath);
        File.Delete(Path.Combine(shards[1], StudyFolder.ManifestFile));
        new StudyFolder(shards[1]).Claim(StudyFolder.Manifest(after, StudyPlan.Expand(after)));

        StudyException e = Assert.Throws<StudyException>(() => StudyMerge.Merge(shards, _scratch.Path2("merged"), StudyLoader.LoadFile));

        Assert.Contains("belongs to a different study than '" + shards[0] + "' (board file 'my.board' differs: sha256 ", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.Path2("merged")));
    }

    [Fact]
    public void MergeIntoAShardFolderNamedWithATrailingSlashKeepsItsVariants()
    {
        // The shell completes a folder as "shard1/"; the shards named without the slash are the same folders.
        StudySpec spec = StudyLoader.LoadFile(StudyManifests.WriteWithBoardFile(_scratch.Root));
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(spec);
        string[] shards = WriteShards(StudyFolder.Manifest(spec, variants), variants);
        string kept = File.ReadAllText(new StudyFolder(shards[0]).ResultPath(variants[0].Id));

        int merged = StudyMerge.Merge(shards, shards[0] + Path.DirectorySeparatorChar, StudyLoader.LoadFile);

        Assert.Equal(2, merged);
        Assert.Equal(kept, File.ReadAllText(new StudyFolder(shards[0]).ResultPath(variants[0].Id)));
        Assert.True(new StudyFolder(shards[0]).IsFinished(variants[1].Id));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(shards[0], StudyFolder.CsvFile)).Length);
    }

    /// <summary>Two shard folders as `study --shard 1/2` and `--shard 2/2` write them, with stand-in results (each recording its variant's scenario, as a run's does).</summary>
    private string[] WriteShards(string manifest, IReadOnlyList<StudyVariant> variants)
    {
        string[] shards = { _scratch.Path2("shard1"), _scratch.Path2("shard2") };
        foreach (StudyVariant v in variants)
        {
            StudyFolder shard = new StudyFolder(shards[v.Index % 2]);
            shard.Claim(manifest);
            shard.Save(
                new StudyRow
                {
                    Variant = v.Id,
                    Index = v.Index,
                    Parameters = new JsonObject { [v.Parameters[0].Key] = v.Parameters[0].Value.DeepClone() },
                    CapacityMAhPerCm2 = 0.1 * (v.Index + 1),
                    DutyCycle = 0.2,
                    StopReason = "running",
                    TerminatedBy = "timeLimit",
                    SimulatedS = 5,
                    ScenarioSha256 = v.ScenarioSha256,
                },
                1,
                1);
        }

        return shards;
    }

    /// <summary>Every file of a study folder except the wall-time ones, relative, sorted.</summary>
    private static string[] Deterministic(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => !Path.GetFileName(f).Contains("timing", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
