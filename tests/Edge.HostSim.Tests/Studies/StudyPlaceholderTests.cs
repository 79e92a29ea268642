// Licensed under the MIT License.

using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// A {name} in the base scenario with no axis of that name is refused at load, naming the field and the placeholder.
/// A misspelt {restSec} (for restS) in a number's place had every variant refused as "must be a number, not a
/// string", and in the scenario's name it ran under the literal braces.
/// </summary>
public sealed class StudyPlaceholderTests : IDisposable
{
    // One cell; {name} and {cutoff} are filled in by each case.
    private const string Template = """
        { "name": "placeholders", "seed": 1,
          "base": { "name": "{name}", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 30,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for 0.5 s" ], "rest": "fixed", "cutoffV": {cutoff} },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "pulseS", "values": [0.5, 1] } ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("p-{pulseSec}", "3.0", "base.name", "{pulseSec}")]
    [InlineData("p", "\"{cutoffV}\"", "base.protocol.cutoffV", "{cutoffV}")]
    public void APlaceholderWithoutAnAxisIsRefusedNamingTheFieldAndTheAxes(string name, string cutoff, string field, string placeholder)
    {
        StudyException e = Assert.Throws<StudyException>(() => Load(Manifest(name, cutoff)));

        Assert.Contains(field + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains(placeholder, e.Message, StringComparison.Ordinal);
        Assert.Contains("axes: pulseS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPlaceholderWithItsAxisLoadsOneVariantPerValue()
    {
        StudySpec spec = Load(Manifest("p-{pulseS}", "3.0"));

        Assert.Equal(2, StudyPlan.Expand(spec).Count);
    }

    [Fact]
    public void TheCliRefusesItInOneLineAndWritesNothing()
    {
        string manifest = _scratch.Write("study.json", Manifest("p", "\"{cutoffV}\""));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--out", outDir, "--quiet");

        CliArgumentTests.AssertRejected(study, "base.protocol.cutoffV", "{cutoffV}");
        Assert.False(Directory.Exists(outDir));
    }

    private static string Manifest(string name, string cutoff) =>
        Template.Replace("{name}", name, StringComparison.Ordinal).Replace("{cutoff}", cutoff, StringComparison.Ordinal);

    /// <summary>Loads a manifest as the CLI does (file errors as <see cref="StudyException"/>).</summary>
    private StudySpec Load(string manifest) => StudyLoader.LoadFile(_scratch.Write("manifest-" + Guid.NewGuid().ToString("N") + ".json", manifest));
}
