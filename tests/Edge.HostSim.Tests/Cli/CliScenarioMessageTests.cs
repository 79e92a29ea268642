// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>Scenario mistakes through the real executable: exit 2 and a message in the scenario's own terms.</summary>
public sealed class CliScenarioMessageTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void FolderAsScenarioSaysItIsAFolder()
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", _scratch.Root, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, _scratch.Root, "is a folder; give the scenario's .json file");
    }

    [Fact]
    public void MissingScenarioFileIsNamed()
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", _scratch.Path2("nope.json"), "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "nope.json", "no scenario file");
    }

    [Fact]
    public void JsonErrorsCountLinesFromOne()
    {
        // Line 3 lacks the colon after "seed".
        string scenario = _scratch.Write("bad.json", "{\n  \"name\": \"x\",\n  \"seed\" 1\n}\n");

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "invalid scenario", "not valid JSON at line 3, column 10");
    }

    [Fact]
    public void ATrailingCommaIsNamedWithoutTheParsersAdviceToItsProgrammer()
    {
        string scenario = _scratch.Write("comma.json", "{\n  \"name\": \"x\",\n  \"seed\": 1,\n}\n");

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "invalid scenario", "not valid JSON at line 4, column 1: The JSON object contains a trailing comma at the end");
        Assert.DoesNotContain("reader options", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("this mode", run.Stderr, StringComparison.Ordinal);
    }

    // An override misspelt for a potassium cell: the names offered are the ones that preset takes, as the scenario writes
    // them. The list offered the alloy's initialNaMassFraction too, which the next try refused as changing nothing.
    [Theory]
    [InlineData("k-betaalumina", "initialMetalMAhPerCm2", "initialNaMassFraction")]
    [InlineData("nak50-nasicon", "initialNaMassFraction", "initialMetalMAhPerCm2")]
    public void AnUnknownOverrideListsOnlyWhatThePresetTakes(string preset, string offered, string notOffered)
    {
        string scenario = _scratch.Write("override.json", CliScratch.ShortScenario.Replace(
            "\"preset\": \"nak50-nasicon\" }", "\"preset\": \"" + preset + "\", \"overrides\": { \"tau\": 3 } }", StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "pack.overrides.tau", "unknown parameter of preset " + preset + " (valid: ");
        string[] valid = run.Stderr.Substring(run.Stderr.IndexOf("(valid: ", StringComparison.Ordinal) + 8).TrimEnd('\n', '\r', ')').Split(", ");
        Assert.Contains("tauS", valid);
        Assert.Contains(offered, valid);
        Assert.DoesNotContain(notOffered, valid, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("anode", valid, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void DuplicateKeyIsRejectedWithItsPath()
    {
        string scenario = _scratch.Write("dup.json", CliScratch.ShortScenario.Replace("\"modules\": 2,", "\"modules\": 2, \"modules\": 3,", StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "pack.modules", "is given twice");
    }

    [Theory]
    [InlineData("\"overrides\": { \"tauS\": 3, \"TauS\": 4 }", "pack.overrides.TauS", "is the parameter 'tauS' again (names are matched in any case); give it once")]
    [InlineData("\"moduleOverrides\": [ { \"module\": 1, \"tauScale\": 2 }, { \"module\": 1, \"iLimScale\": 0.5 } ]", "pack.moduleOverrides[1].module", "module 1 is already in moduleOverrides[0]; give each module once")]
    public void AParameterOrModuleGivenTwiceIsRejectedNotCompoundedOrOverwritten(string json, string field, string problem)
    {
        string scenario = _scratch.Write("twice.json", CliScratch.ShortScenario.Replace("\"preset\": \"nak50-nasicon\"", "\"preset\": \"nak50-nasicon\", " + json, StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, field, problem);
    }

    [Theory]
    [InlineData("\"adcNoiseCounts\": 4")]
    [InlineData("\"adcVrefMv\": 1050")]
    [InlineData("\"unitCalibrated\": false")]
    public void ABoardSettingWithoutABoardIsRejectedNotIgnored(string setting)
    {
        string scenario = _scratch.Write("noboard.json", CliScratch.ShortScenario.Replace("\"controller\":", "\"measurement\": { " + setting + " }, \"controller\":", StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "measurement." + setting.Split('"')[1], "applies to a board's ADC, and this chain has none: give measurement.board too");
    }

    [Fact]
    public void AnodeKindCannotBeOverriddenWithANumber()
    {
        string scenario = _scratch.Write("anode.json", CliScratch.ShortScenario.Replace("\"preset\": \"nak50-nasicon\"", "\"preset\": \"nak50-nasicon\", \"overrides\": { \"Anode\": 1 }", StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "pack.overrides.Anode", "set by pack.preset");
    }

    [Fact]
    public void HugeCurrentIsTooLargeRatherThanAnUnknownUnit()
    {
        string scenario = _scratch.Write("huge.json", CliScratch.ShortScenario.Replace("Strip at 1 mA/cm2 for 1 s", "Strip at 1e9 mA/cm2 for 1 s", StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "protocol.steps[0]", "current 1e9 mA/cm2 is too large");
        Assert.DoesNotContain("'e9'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CusumOrderNamesTheScenarioField()
    {
        // 5 mV warning below the core's default 10 mV info level.
        string scenario = _scratch.Write("cusum.json", CliScratch.ShortScenario.Replace("\"mode\": \"act\"", "\"mode\": \"act\", \"cusumWarningMv\": 5", StringComparison.Ordinal));

        using EdgeSimProcess run = EdgeSimProcess.Run("run", scenario, "--out", _scratch.Path2("out"));

        CliArgumentTests.AssertRejected(run, "controller.cusumWarningMv", "the CUSUM levels must rise");
        Assert.DoesNotContain("depletion.", run.Stderr, StringComparison.Ordinal);
    }
}
