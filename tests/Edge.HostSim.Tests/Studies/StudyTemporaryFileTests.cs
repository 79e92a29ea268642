// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// A variant's files are written through temporary files no other writer shares. In a container every study runs as
/// process 1, so two pods of one Job index writing the same shard folder had the same temporary names: one's rename
/// could publish the other's half-written file.
/// </summary>
public sealed class StudyTemporaryFileTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ASaveDoesNotUseTheTemporaryNameAnotherWriterOfTheSameProcessIdHolds()
    {
        StudySpec spec = StudyLoader.LoadFile(_scratch.Write("study.json", StudyManifests.Small));
        IReadOnlyList<StudyVariant> variants = StudyPlan.Expand(spec);
        var folder = new StudyFolder(_scratch.Path2("shard"));
        folder.Claim(StudyFolder.Manifest(spec, variants));
        StudyVariant variant = variants[0];

        // Another writer with this process id (another pod's study, process 1 like this one) is writing the variant's
        // result: its temporary file is there, and still open for writing.
        string result = folder.ResultPath(variant.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(result)!);
        string othersTemporary = result + ".tmp-" + Environment.ProcessId;
        using (FileStream other = new FileStream(othersTemporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            other.Write("{\"variant\":"u8);
            folder.Save(Row(variant), 1.5, 10);
            Assert.Equal(11, other.Length);
        }

        StudyRow? read = folder.ReadResult(variant, out string? problem);
        Assert.True(problem == null, problem);
        Assert.Equal(0.7, read!.CapacityMAhPerCm2);
        Assert.Equal("{\"variant\":", File.ReadAllText(othersTemporary));
        Assert.Equal(
            new[] { "result.json", "result.json.tmp-" + Environment.ProcessId, "timing.json" },
            Directory.EnumerateFiles(Path.GetDirectoryName(result)!).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    private static StudyRow Row(StudyVariant v)
    {
        var parameters = new JsonObject();
        foreach (var parameter in v.Parameters)
        {
            parameters[parameter.Key] = parameter.Value.DeepClone();
        }

        return Row(v, parameters);
    }

    private static StudyRow Row(StudyVariant v, JsonObject parameters) => new StudyRow
    {
        Variant = v.Id,
        Index = v.Index,
        Parameters = parameters,
        CapacityMAhPerCm2 = 0.7,
        DutyCycle = 0.2,
        StopReason = "running",
        TerminatedBy = "timeLimit",
        SimulatedS = 5,
        ScenarioSha256 = v.ScenarioSha256,
    };
}
