// Licensed under the MIT License.

using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// Every study.csv column says what it holds once. Two axes that set one scenario field ran only the later one's
/// value while the row was labelled with both (tau 2 and 3 ran as tau 3 and 4); an axis named as a fixed column
/// (variant, capacityMAhPerCm2, ...) gave the header that name twice. Such manifests are refused before anything runs.
/// </summary>
public sealed class StudyAxisConflictTests : IDisposable
{
    // One cell, tau 2.551 s unless an axis sets it; the axes are {axes}.
    private const string Template = """
        { "name": "conflict", "seed": 1,
          "base": { "name": "c", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 30,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "overrides": { "tauS": 2.551 } },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for {pulseS} s", "Rest for 0.5 s" ], "rest": "fixed", "cutoffV": 3.0 },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "pulseS", "values": [0.5] }, {axes} ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("pack.overrides.tauS", "pack.overrides.tauS")]
    [InlineData("pack.overrides", "pack.overrides.tauS")]
    [InlineData("protocol.steps[1]", "protocol")]
    public void TwoAxesSettingOneFieldAreRefusedWithBothNamed(string xField, string yField)
    {
        string manifest = Manifest("{ \"name\": \"x\", \"field\": \"" + xField + "\", \"values\": [2, 3] }, { \"name\": \"y\", \"field\": \"" + yField + "\", \"values\": [3, 4] }");

        StudyException e = Assert.Throws<StudyException>(() => Load(manifest));

        Assert.Contains("axes[2].field", e.Message, StringComparison.Ordinal);
        Assert.Contains("axis 'y'", e.Message, StringComparison.Ordinal);
        Assert.Contains("axis 'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains(xField, e.Message, StringComparison.Ordinal);
        Assert.Contains(yField, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAxisSettingTheFieldThatHoldsAnotherAxisPlaceholderIsRefused()
    {
        // protocol.steps[0] is where {pulseS} is filled: set whole, it would run none of pulseS's values.
        string manifest = Manifest("{ \"name\": \"step\", \"field\": \"protocol.steps[0]\", \"values\": [\"Strip at 1 mA/cm2 for 1 s\"] }");

        StudyException e = Assert.Throws<StudyException>(() => Load(manifest));

        Assert.Contains("axes[1].field", e.Message, StringComparison.Ordinal);
        Assert.Contains("axis 'step' sets protocol.steps[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("{pulseS}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AxesOnNeighbouringFieldsAreAccepted()
    {
        // Two fields, neither inside the other; steps[1] is not steps[0], where {pulseS} is filled.
        StudySpec spec = Load(Manifest("{ \"name\": \"x\", \"field\": \"pack.overrides.tauS\", \"values\": [2, 3] }, { \"name\": \"rest\", \"field\": \"protocol.steps[1]\", \"values\": [\"Rest for 1 s\"] }"));

        Assert.Equal(3, spec.Axes.Count);
        Assert.Equal(2, StudyPlan.Expand(spec).Count);
    }

    [Theory]
    [InlineData("variant")]
    [InlineData("capacityMAhPerCm2")]
    [InlineData("holdDiagnosis")]
    [InlineData("pareto")]
    public void AnAxisNamedAsAFixedColumnIsRefused(string name)
    {
        string manifest = Manifest("{ \"name\": \"" + name + "\", \"field\": \"pack.overrides.tauS\", \"values\": [2, 3] }");

        StudyException e = Assert.Throws<StudyException>(() => Load(manifest));

        Assert.Contains("axes[1].name", e.Message, StringComparison.Ordinal);
        Assert.Contains("'" + name + "' is a study.csv column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCliRefusesSuchAStudyInOneLineAndWritesNothing()
    {
        string manifest = _scratch.Write("study.json", Manifest("{ \"name\": \"x\", \"field\": \"pack.overrides.tauS\", \"values\": [2, 3] }, { \"name\": \"y\", \"field\": \"pack.overrides.tauS\", \"values\": [3, 4] }"));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--out", outDir, "--quiet");

        CliArgumentTests.AssertRejected(study, "axis 'x'", "axis 'y'");
        Assert.Contains("pack.overrides.tauS", study.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private static string Manifest(string axes) => Template.Replace("{axes}", axes, StringComparison.Ordinal);

    /// <summary>Loads a manifest as the CLI does (file errors as <see cref="StudyException"/>).</summary>
    private StudySpec Load(string manifest) => StudyLoader.LoadFile(_scratch.Write("manifest-" + Guid.NewGuid().ToString("N") + ".json", manifest));
}
