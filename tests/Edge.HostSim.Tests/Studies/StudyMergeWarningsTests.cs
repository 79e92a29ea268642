// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// merge says the study's fields without effect on stderr as study does, not only in study-warnings.txt: whoever merges
/// on another machine, or in a cluster's merge job, may never see the shards' logs.
/// </summary>
public sealed class StudyMergeWarningsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // Two variants, one observing: minimumPulseS idles in that one only (it shortens pulses in act mode). The trace
    // period idles in both (a study records no trace).
    private const string Study = """
        { "name": "idle", "seed": 1,
          "base": { "name": "idle", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 2,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed" },
            "controller": { "mode": "act", "minimumPulseS": 0.5 },
            "trace": { "periodMs": 100 } },
          "axes": [ { "name": "mode", "field": "controller.mode", "values": ["observe", "act"] } ] }
        """;

    [Fact]
    public void MergeSaysTheStudysWarningsOnStderrAsTheShardsDid()
    {
        string manifest = _scratch.Write("study.json", Study);
        List<string[]> shardWarnings = new List<string[]>();
        for (int i = 1; i <= 2; i++)
        {
            using EdgeSimProcess shard = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", _scratch.Path2("shard" + i), "--shard", i + "/2", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.Stderr);
            shardWarnings.Add(Warnings(shard.Stderr));
        }

        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), "--out", _scratch.Path2("merged"));

        Assert.True(merge.ExitCode == 0, merge.Stderr);
        string[] said = Warnings(merge.Stderr);
        Assert.Equal(2, said.Length);
        Assert.StartsWith("controller.minimumPulseS has no effect: ", said[0], StringComparison.Ordinal);
        Assert.EndsWith(" (in 1 of 2 variants)", said[0], StringComparison.Ordinal);
        Assert.StartsWith("trace.periodMs has no effect: a study records no trace", said[1], StringComparison.Ordinal);
        Assert.Equal(shardWarnings[0], said);
        Assert.Equal(shardWarnings[1], said);
        Assert.Equal(string.Concat(said.Select(w => w + "\n")), File.ReadAllText(Path.Combine(_scratch.Path2("merged"), "study-warnings.txt")));
        Assert.DoesNotContain("warning", merge.Stdout, StringComparison.Ordinal);
    }

    private static string[] Warnings(string stderr) => stderr.Split('\n')
        .Where(l => l.StartsWith("warning: ", StringComparison.Ordinal))
        .Select(l => l["warning: ".Length..].TrimEnd('\r'))
        .ToArray();
}
