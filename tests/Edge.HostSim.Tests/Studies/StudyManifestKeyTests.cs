// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// A misspelt key in a study manifest is named as an unknown field, as in a scenario (README, "study"). The
/// exactly-one-of checks ran first and reported the key the typo had left out: "valuse" for "values" read as
/// "axes[1].values: give exactly one of values, range and random", "cuont" for "count" as
/// "axes[1].range.step: give exactly one of step and count".
/// </summary>
public sealed class StudyManifestKeyTests : IDisposable
{
    // One cell at 50 ms, two axes; the second is {axis}.
    private const string Template = """
        { "name": "keys", "seed": 1,
          "base": { "name": "k", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 30,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for {restS} s" ], "rest": "fixed", "cutoffV": 3.0 },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "pulseS", "values": [0.5, 1] }, {axis} ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("{ \"name\": \"restS\", \"valuse\": [0.5, 1] }", "axes[1].valuse: unknown field (valid: name, field, values, range, random)")]
    [InlineData("{ \"name\": \"restS\", \"range\": { \"from\": 0.5, \"to\": 1, \"cuont\": 2 } }", "axes[1].range.cuont: unknown field (valid: from, to, step, count, scale)")]
    [InlineData("{ \"name\": \"restS\", \"random\": { \"min\": 0.5, \"max\": 1, \"sacle\": \"log\" } }", "axes[1].random.sacle: unknown field (valid: min, max, scale)")]
    public void AMisspeltAxisKeyIsNamedAsUnknownAndNothingIsWritten(string axis, string expected)
    {
        string manifest = _scratch.Write("study.json", Template.Replace("{axis}", axis, StringComparison.Ordinal));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--out", outDir, "--quiet");

        CliArgumentTests.AssertRejected(study, "edge-sim study: ", expected);
        Assert.DoesNotContain("exactly one of", study.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
