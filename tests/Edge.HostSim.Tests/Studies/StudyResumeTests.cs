// Licensed under the MIT License.

using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>A rerun into the same folder skips the finished variants; another study may not reuse the folder.</summary>
public sealed class StudyResumeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void RerunSkipsFinishedVariantsAndRunsTheRest()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string csv = File.ReadAllText(Path.Combine(outDir, "study.csv"));

        // Lose two results as an interrupted run would; the rerun runs exactly those and writes the same table.
        Directory.Delete(Path.Combine(outDir, "variants", "v0003"), true);
        Directory.Delete(Path.Combine(outDir, "variants", "v0010"), true);
        using EdgeSimProcess second = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("2 variants ran, 10 were already finished, 0 left", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(outDir, "study.csv")));
        Assert.Equal(13, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void ADamagedTimingFileLeavesOnlyThatWallTimeOut()
    {
        // timing.json holds a wall time, not a result: cut short (a disk that filled, a copy that stopped) it is left
        // out of study-timing.csv, and the study, its resume and a merge of the folder still finish.
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string csv = File.ReadAllText(Path.Combine(outDir, "study.csv"));
        File.WriteAllText(Path.Combine(outDir, "variants", "v0002", "timing.json"), "{\"wallS\": 0.0");
        File.WriteAllText(Path.Combine(outDir, "variants", "v0004", "timing.json"), "{\"wallS\": \"fast\", \"cellSteps\": 1}");
        Directory.Delete(Path.Combine(outDir, "variants", "v0003"), true);

        using EdgeSimProcess second = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", outDir, "--out", _scratch.Path2("merged"));

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("1 variants ran, 11 were already finished, 0 left", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(outDir, "study.csv")));
        string[] timings = File.ReadAllLines(Path.Combine(outDir, "study-timing.csv"));
        Assert.Equal(11, timings.Length);
        Assert.DoesNotContain(timings, line => line.StartsWith("v0002,", StringComparison.Ordinal) || line.StartsWith("v0004,", StringComparison.Ordinal));
        Assert.Contains(timings, line => line.StartsWith("v0003,", StringComparison.Ordinal));
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(_scratch.Path2("merged"), "study.csv")));
    }

    [Fact]
    public void AVariantThatCannotBeSavedIsNamedAsAFileProblem()
    {
        // A file where v0002's folder goes: its result cannot be saved. The study stops with exit 1 naming the path,
        // as a run that cannot write does, not "AggregateException: One or more errors occurred".
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet", "--shard", "1/12");
        Assert.True(first.ExitCode == 0, first.Stderr);
        File.WriteAllText(Path.Combine(outDir, "variants", "v0002"), "not a folder");

        using EdgeSimProcess second = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet", "--parallel", "1");

        Assert.Equal(1, second.ExitCode);
        string line = Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sim study: failed to write or read a file: ", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("variants", "v0002"), line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AStudyFolderInsideTheVariantsFolderIsNotTakenForItsVariants()
    {
        // Another study written into a folder under variants/ has its own variants/v0001/result.json there: the
        // table is of this study's variants/<id>/result.json alone.
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string other = _scratch.Write("other.json", StudyManifests.Small.Replace("\"seed\": 3", "\"seed\": 9", StringComparison.Ordinal));
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string csv = File.ReadAllText(Path.Combine(outDir, "study.csv"));
        using EdgeSimProcess nested = EdgeSimProcess.Run(Patience, null, "study", other, "--out", Path.Combine(outDir, "variants", "other"), "--quiet", "--shard", "1/12");
        Assert.True(nested.ExitCode == 0, nested.Stderr);

        using EdgeSimProcess again = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 variants ran, 12 were already finished, 0 left; 12 of 12 in the folder", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(csv, File.ReadAllText(Path.Combine(outDir, "study.csv")));
    }

    [Fact]
    public void AnotherStudyCannotReuseTheFolder()
    {
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string other = _scratch.Write("other.json", StudyManifests.Small.Replace("\"seed\": 3", "\"seed\": 9", StringComparison.Ordinal));
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet", "--shard", "1/12");
        Assert.True(first.ExitCode == 0, first.Stderr);

        using EdgeSimProcess second = EdgeSimProcess.Run(Patience, null, "study", other, "--out", outDir, "--quiet");

        CliArgumentTests.AssertRejected(second, "study", "holds results of a different study");
    }

    [Theory]
    [InlineData("\"values\": [0.5, 1]", "\"values\": [0.5, 1, 2]", "axes[0].values[2]: none in the folder, 2 now")]
    [InlineData("\"step\": 0.5", "\"step\": 0.25", "axes[1].values[1]: 1 in the folder, 0.75 now")]
    [InlineData("\"timeLimitS\": 60", "\"timeLimitS\": 60.0", "base.timeLimitS: 60 in the folder, 60.0 now")]
    [InlineData("\"Rest for 2 s\"", "\"Rest for 3 s\"", "base.protocol.steps[1]: \"Rest for 2 s\" in the folder, \"Rest for 3 s\" now")]
    public void AnEditedSpecIsRefusedNamingTheEditedField(string find, string replace, string named)
    {
        // Rerun after an edit: the folder's results are of the spec as it was, so the rerun is refused, and the
        // refusal says which field differs (an edit of 60 to 60.0 too, which is the same number written otherwise).
        string manifest = _scratch.Write("spec.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet", "--shard", "1/12");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string recorded = File.ReadAllText(Path.Combine(outDir, "study.json"));
        string edited = StudyManifests.Small.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(StudyManifests.Small, edited);
        File.WriteAllText(manifest, edited);

        using EdgeSimProcess second = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet");

        CliArgumentTests.AssertRejected(second, "study", "holds results of a different study (its study.json differs: " + named);
        Assert.Equal(recorded, File.ReadAllText(Path.Combine(outDir, "study.json")));
        Assert.Single(Directory.GetDirectories(Path.Combine(outDir, "variants")));
    }

    [Fact]
    public void ASpecKeptInTheStudyFolderAsStudyJsonIsRefusedAndKept()
    {
        // The folder's study.json is the study's own record: a spec of that name there would be read as another
        // study's record, and the advice to delete the folder would delete the spec.
        string manifest = _scratch.Write("study.json", StudyManifests.Small);
        string folder = Path.GetDirectoryName(manifest)!;

        using EdgeSimProcess run = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", folder, "--quiet");

        CliArgumentTests.AssertRejected(run, "--out", "would write over the study spec");
        Assert.Equal(StudyManifests.Small, File.ReadAllText(manifest));
        Assert.False(Directory.Exists(Path.Combine(folder, "variants")));
    }

    [Fact]
    public void TheRecordGivenBackAsTheSpecResumesTheStudy()
    {
        string manifest = _scratch.Write("spec.json", StudyManifests.Small);
        string outDir = _scratch.Path2("out");
        using EdgeSimProcess first = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", outDir, "--quiet", "--shard", "1/12");
        Assert.True(first.ExitCode == 0, first.Stderr);

        using EdgeSimProcess resumed = EdgeSimProcess.Run(Patience, null, "study", Path.Combine(outDir, "study.json"), "--out", outDir, "--quiet");

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("11 variants ran, 1 were already finished, 0 left", resumed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderMeasuredThroughAnotherVersionOfTheBoardFileIsRefusedAndTheFileIsNamed()
    {
        string manifestPath = StudyManifests.WriteWithBoardFile(_scratch.Root);
        StudySpec before = StudyLoader.LoadFile(manifestPath);
        StudyFolder folder = new StudyFolder(_scratch.Path2("out"));
        folder.Claim(StudyFolder.Manifest(before, StudyPlan.Expand(before)));

        // Same manifest, same board file name: only what the file says has changed, and with it every variant's readings.
        StudyManifests.RecalibrateBoard(_scratch.Root);
        StudySpec after = StudyLoader.LoadFile(manifestPath);
        string manifestAfter = StudyFolder.Manifest(after, StudyPlan.Expand(after));
        StudyException e = Assert.Throws<StudyException>(() => folder.Claim(manifestAfter));

        Assert.Contains("holds results measured through another version of a board (board file 'my.board' differs: sha256 ", e.Message, StringComparison.Ordinal);
    }
}
