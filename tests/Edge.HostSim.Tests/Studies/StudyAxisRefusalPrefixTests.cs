// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// Every refusal of an axis names the spec file and the axis as the loader's do ("study 'FILE': axes[i].field:"):
/// an axis field past the end of the base's steps, one through a value that is no object, an axis without effect and
/// one without a field or placeholder were found after loading and said "field protocol.steps[5]: ..." or
/// "axes[0]: ..." without the file.
/// </summary>
public sealed class StudyAxisRefusalPrefixTests : IDisposable
{
    // Two protocol steps, fixed rests, observe mode; the axes are {axes}.
    private const string Template = """
        { "name": "prefix", "seed": 1,
          "base": { "name": "p", "seed": 1, "samplePeriodMs": 50, "timeLimitS": 30,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for 0.5 s", "Rest for 0.5 s" ], "rest": "fixed", "cutoffV": 3.0 },
            "controller": { "mode": "observe" } },
          "axes": [ { "name": "cut", "field": "protocol.cutoffV", "values": [3.0, 2.9] }, {axis} ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("{ \"name\": \"x\", \"field\": \"protocol.steps[5]\", \"values\": [\"Rest for 1 s\"] }", "axes[1].field: axis 'x' sets protocol.steps[5], but the base scenario has no steps[5] (steps holds [0] to [1])")]
    [InlineData("{ \"name\": \"x\", \"field\": \"protocol.steps[0].a\", \"values\": [1] }", "axes[1].field: axis 'x' sets protocol.steps[0].a, but protocol.steps[0] is not an object in the base scenario")]
    [InlineData("{ \"name\": \"x\", \"field\": \"protocol.minRestS\", \"values\": [1, 2] }", "axes[1].field: axis 'x' sets protocol.minRestS, which changes nothing")]
    [InlineData("{ \"name\": \"x\", \"values\": [1] }", "axes[1]: axis 'x' has no field and the base scenario has no {x} placeholder")]
    public void AnAxisRefusalNamesTheSpecFileAndTheAxis(string axis, string problem)
    {
        string spec = _scratch.Write("spec.json", Template.Replace("{axis}", axis, StringComparison.Ordinal));

        using EdgeSimProcess study = EdgeSimProcess.Run("study", spec, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(study, "study '" + spec + "': " + problem, string.Empty);
        Assert.False(Directory.Exists(_scratch.Path2("out")));
    }

    [Fact]
    public void AnInvalidVariantNamesTheSpecFile()
    {
        string spec = _scratch.Write("spec.json", Template.Replace("{axis}", "{ \"name\": \"x\", \"field\": \"pack.overrides.tauS\", \"values\": [-1] }", StringComparison.Ordinal));

        using EdgeSimProcess study = EdgeSimProcess.Run("study", spec, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(study, "study '" + spec + "': variant v0001 (cut = 3, x = -1) is not a valid scenario: pack.overrides.tauS", string.Empty);
    }
}
