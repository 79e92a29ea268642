// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// merge takes -q / --quiet as run, sweep and study do, so a script that passes it to every verb of a cluster job
/// merges instead of stopping at an unknown option; merge shows no progress either way.
/// </summary>
public sealed class MergeQuietTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private const string TwoVariants = """
        { "name": "two", "seed": 1,
          "base": { "name": "two", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 2,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for 1 s" ], "rest": "fixed" },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "pulseS", "values": [0.5, 1] } ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("-q")]
    [InlineData("--quiet")]
    public void MergeTakesTheQuietOption(string quiet)
    {
        string manifest = _scratch.Write("two.json", TwoVariants);
        using EdgeSimProcess study = EdgeSimProcess.Run(Patience, null, "study", manifest, "--out", _scratch.Path2("shard"), quiet);
        Assert.True(study.ExitCode == 0, study.Stderr);

        using EdgeSimProcess merge = EdgeSimProcess.Run(Patience, null, "merge", _scratch.Path2("shard"), quiet, "--out", _scratch.Path2("merged"));

        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Contains("merged 2 variants from 1 folder", merge.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(_scratch.Path2("merged/study.csv")));
    }
}
