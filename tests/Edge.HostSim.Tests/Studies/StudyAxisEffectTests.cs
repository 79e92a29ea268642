// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// An axis over a field the variants' mode does not read (protocol.minRestS with fixed rests, a rest step's length with
/// adaptive ones, controller.currentReductionPercent in observe mode, the simple chain's noise behind a board, the
/// trace) ran N identical variants under N labels. Such an axis is refused before anything runs; one whose study
/// also varies the mode is accepted.
/// </summary>
public sealed class StudyAxisEffectTests : IDisposable
{
    // One cell, 1 s pulses at 1 mA/cm2 and 2 s rests, 60 s; {rest}, {mode}, {measurement} and {axes} are filled per test.
    private const string Template = """
        { "name": "effect", "seed": 1,
          "base": { "name": "e", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 60,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "{restStep}" ], "rest": "{rest}" },
            "controller": { "mode": "{mode}" }{measurement} },
          "axes": [ {axes} ] }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("protocol.minRestS", "[0.5, 5]", "fixed", "observe", "", "the protocol's rests are fixed in every variant")]
    [InlineData("protocol.maxRestS", "[5, 10]", "fixed", "act", "", "the protocol's rests are fixed in every variant")]
    [InlineData("controller.currentReductionPercent", "[10, 50]", "adaptive", "observe", "", "every variant runs in observe mode")]
    [InlineData("controller.minimumPulseS", "[0.25, 0.5]", "fixed", "observe", "", "every variant runs in observe mode")]
    [InlineData("measurement.voltageNoiseMv", "[1, 4]", "fixed", "observe", "virtual", "every variant reads its cells through measurement.board's ADC")]
    [InlineData("measurement.voltageRailMv", "[5000, 6000]", "fixed", "observe", "virtual", "every variant reads its cells through measurement.board's ADC")]
    [InlineData("trace.periodMs", "[10, 100]", "fixed", "observe", "", "a study records no trace")]
    public void AnAxisOverAFieldItsModeDoesNotReadIsRefusedNamingTheFieldAndTheMode(string field, string values, string rest, string mode, string board, string why)
    {
        string manifest = Manifest("{ \"name\": \"x\", \"field\": \"" + field + "\", \"values\": " + values + " }", rest: rest, mode: mode, board: board);

        StudyException e = Assert.Throws<StudyException>(() => StudyPlan.Expand(Load(manifest)));

        Assert.Contains("axes[0].field: axis 'x' sets " + field + ", which changes nothing: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAxisOverARestStepsLengthWithAdaptiveRestsIsRefused()
    {
        string manifest = Manifest("{ \"name\": \"restS\", \"values\": [1, 5] }", rest: "adaptive", restStep: "Rest for {restS} s");

        StudyException e = Assert.Throws<StudyException>(() => StudyPlan.Expand(Load(manifest)));

        Assert.Contains("axes[0]: axis 'restS' sets the length of rest step protocol.steps[1], which changes nothing: the protocol's rests are adaptive in every variant", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", \"field\": \"protocol.minRestS\", \"values\": [0.5, 5] }", "adaptive", "observe", 2)]
    [InlineData("{ \"name\": \"x\", \"field\": \"protocol.minRestS\", \"values\": [0.5, 5] }, { \"name\": \"m\", \"field\": \"protocol.rest\", \"values\": [\"fixed\", \"adaptive\"] }", "fixed", "observe", 4)]
    [InlineData("{ \"name\": \"x\", \"field\": \"protocol.minRestS\", \"values\": [0.5, 5] }, { \"name\": \"m\", \"values\": [\"fixed\", \"adaptive\"] }", "{m}", "observe", 4)]
    [InlineData("{ \"name\": \"x\", \"field\": \"controller.currentReductionPercent\", \"values\": [10, 50] }", "fixed", "act", 2)]
    [InlineData("{ \"name\": \"x\", \"field\": \"controller.currentReductionPercent\", \"values\": [10, 50] }, { \"name\": \"m\", \"field\": \"controller.mode\", \"values\": [\"observe\", \"act\"] }", "fixed", "observe", 4)]
    [InlineData("{ \"name\": \"x\", \"field\": \"measurement.voltageNoiseMv\", \"values\": [1, 4] }", "fixed", "observe", 2)]
    public void AnAxisIsAcceptedWhenSomeVariantIsInTheModeThatReadsIt(string axes, string rest, string mode, int count)
    {
        Assert.Equal(count, StudyPlan.Expand(Load(Manifest(axes, rest: rest, mode: mode))).Count);
    }

    [Fact]
    public void ARestStepsLengthIsAcceptedWithFixedRestsOrWhenTheRestModeVaries()
    {
        Assert.Equal(2, StudyPlan.Expand(Load(Manifest("{ \"name\": \"restS\", \"values\": [1, 5] }", restStep: "Rest for {restS} s"))).Count);
        Assert.Equal(4, StudyPlan.Expand(Load(Manifest("{ \"name\": \"restS\", \"values\": [1, 5] }, { \"name\": \"m\", \"field\": \"protocol.rest\", \"values\": [\"adaptive\", \"fixed\"] }", rest: "adaptive", restStep: "Rest for {restS} s"))).Count);
    }

    [Fact]
    public void TheFieldsRefusedChangeNothingInTheirRunsAndTheirModeMakesThemCount()
    {
        // What the refusals rest on, run by run: with fixed rests of 2 s a minimum rest of 0.5 or 5 s gives the same
        // run; with adaptive rests no rest is shorter than the minimum, so a 5 s minimum gives mean rests of 5 s or more.
        string fixedRests = Scenario("Rest for 2 s", "fixed", "observe");
        Assert.Equal(Outcome(Set(fixedRests, "protocol", "minRestS", 0.5)), Outcome(Set(fixedRests, "protocol", "minRestS", 5)));
        string adaptive = Scenario("Rest for 2 s", "adaptive", "observe");
        Assert.True(Run(Set(adaptive, "protocol", "minRestS", 5)).Modules[0].MeanRestS >= 5);
        Assert.True(Run(Set(adaptive, "protocol", "minRestS", 0.5)).Modules[0].MeanRestS < 5);

        // A rest step's length times fixed rests (1 s and 5 s rests), not adaptive ones.
        Assert.Equal(Outcome(Scenario("Rest for 1 s", "adaptive", "observe")), Outcome(Scenario("Rest for 5 s", "adaptive", "observe")));
        Assert.Equal(1.0, Run(Scenario("Rest for 1 s", "fixed", "observe")).Modules[0].MeanRestS, 2);
        Assert.Equal(5.0, Run(Scenario("Rest for 5 s", "fixed", "observe")).Modules[0].MeanRestS, 2);

        // Observe mode answers no depletion; the board's ADC, not the simple chain, reads the cells.
        string observe = Scenario("Rest for 2 s", "fixed", "observe");
        Assert.Equal(Outcome(Set(observe, "controller", "currentReductionPercent", 10)), Outcome(Set(observe, "controller", "currentReductionPercent", 50)));
        string board = Set(observe, "measurement", "board", "virtual");
        Assert.Equal(Outcome(Set(board, "measurement", "voltageNoiseMv", 0.5)), Outcome(Set(board, "measurement", "voltageNoiseMv", 8)));
    }

    [Fact]
    public void TheCliRefusesSuchAnAxisInOneLineAndWritesNothing()
    {
        string manifest = _scratch.Write("study.json", Manifest("{ \"name\": \"minRest\", \"field\": \"protocol.minRestS\", \"values\": [0.5, 5] }"));
        string outDir = _scratch.Path2("out");

        using EdgeSimProcess study = EdgeSimProcess.Run("study", manifest, "--out", outDir, "--quiet");

        CliArgumentTests.AssertRejected(study, "axis 'minRest' sets protocol.minRestS", "changes nothing: it bounds adaptive rests only, and the protocol's rests are fixed in every variant");
        Assert.Contains("set protocol.rest to \"adaptive\"", study.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private static string Manifest(string axes, string rest = "fixed", string mode = "observe", string board = "", string restStep = "Rest for 2 s") =>
        Template.Replace("{axes}", axes, StringComparison.Ordinal)
            .Replace("{restStep}", restStep, StringComparison.Ordinal)
            .Replace("{rest}", rest, StringComparison.Ordinal)
            .Replace("{mode}", mode, StringComparison.Ordinal)
            .Replace("{measurement}", board.Length == 0 ? string.Empty : ", \"measurement\": { \"board\": \"" + board + "\" }", StringComparison.Ordinal);

    private static string Scenario(string restStep, string rest, string mode) =>
        (JsonNode.Parse(Manifest("{ \"name\": \"unused\", \"values\": [1] }", rest, mode, string.Empty, restStep))!["base"]!).ToJsonString();

    private static string Set(string scenario, string section, string field, JsonNode value)
    {
        JsonObject root = (JsonObject)JsonNode.Parse(scenario)!;
        if (root[section] is not JsonObject target)
        {
            target = new JsonObject();
            root[section] = target;
        }

        target[field] = value;
        return root.ToJsonString();
    }

    private static SimulationResult Run(string scenario) => new ClosedLoopRunner(ScenarioLoader.Parse(scenario), new RunOptions { RecordTrace = false }).Run();

    /// <summary>What study.csv records of a run, as text.</summary>
    private static string Outcome(string scenario)
    {
        SimulationResult result = Run(scenario);
        ModuleResult module = result.Modules[0];
        return string.Join(",", module.CapacityMAhPerCm2.ToString("R"), module.DutyCycle.ToString("R"), module.MeanRestS.ToString("R"), module.StopReason, module.SwitchCount, result.SimulatedS.ToString("R"), result.Events.Count);
    }

    /// <summary>Loads a manifest as the CLI does.</summary>
    private StudySpec Load(string manifest) => StudyLoader.LoadFile(_scratch.Write("manifest-" + Guid.NewGuid().ToString("N") + ".json", manifest));
}
