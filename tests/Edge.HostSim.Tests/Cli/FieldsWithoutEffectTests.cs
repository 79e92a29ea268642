// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Cli;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// A well-formed field that does nothing in the configuration the scenario chose: edge-sim run says so before the run
/// (stderr, "warning: "), keeps it in summary.json's warnings and report.html, and exits as it would without it. Each
/// case runs the field where it is idle and again where it acts: only the first may name it.
/// </summary>
public sealed class FieldsWithoutEffectTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// One module of one cell on 0.5 cm2, where 1 mA/cm2 is 500 uA, whole, for 2 simulated seconds unless given.
    /// </summary>
    private static string Scenario(string protocol, string controller = "\"mode\": \"act\"", string pack = "", string extra = "", double timeLimitS = 2, int modules = 1) =>
        "{ \"name\": \"w\", \"seed\": 1, \"samplePeriodMs\": 10, \"timeLimitS\": " + timeLimitS.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ", \"pack\": { \"modules\": " + modules + ", \"cellsPerModule\": 1, \"preset\": \"nak50-nasicon\", \"areaCm2\": 0.5" + pack + " }"
        + ", \"protocol\": { " + protocol + " }, \"controller\": { " + controller + " }" + extra + " }";

    private const string Pulses = "\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ]";

    private const string AdaptivePulses = "\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest\" ], \"rest\": \"adaptive\"";

    /// <summary>Name, the scenario where the field is idle, one where it acts, the warning the first must give (whole, or its start).</summary>
    public static TheoryData<string, string, string, string> Cases => new TheoryData<string, string, string, string>
    {
        {
            "minRestS under fixed rests",
            Scenario(Pulses + ", \"rest\": \"fixed\", \"minRestS\": 0.5"),
            Scenario(AdaptivePulses + ", \"minRestS\": 0.5"),
            "protocol.minRestS has no effect: the rests are fixed (\"rest\": \"fixed\"); the bounds apply with \"rest\": \"adaptive\""
        },
        {
            "maxRestS with the rest left out",
            Scenario(Pulses + ", \"maxRestS\": 8"),
            Scenario(AdaptivePulses + ", \"maxRestS\": 8"),
            "protocol.maxRestS has no effect: the rests are fixed (\"rest\" left out: fixed); the bounds apply with \"rest\": \"adaptive\""
        },
        {
            "minRestS adaptive without a rest step",
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Plate at 0.2 mA/cm2 for 1 s\" ], \"rest\": \"adaptive\", \"minRestS\": 0.5"),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest\", \"Plate at 0.2 mA/cm2 for 1 s\" ], \"rest\": \"adaptive\", \"minRestS\": 0.5"),
            "protocol.minRestS has no effect: the protocol has no Rest step for it to bound"
        },
        {
            "adaptive rest without a rest step",
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Plate at 0.2 mA/cm2 for 1 s\" ], \"rest\": \"adaptive\""),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest\", \"Plate at 0.2 mA/cm2 for 1 s\" ], \"rest\": \"adaptive\""),
            "protocol.rest has no effect: \"adaptive\" decides when a Rest step ends, and the protocol has none; it applies with a \"Rest\" step"
        },
        {
            "a rest step's length under adaptive rests",
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\" ], \"rest\": \"adaptive\""),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\" ], \"rest\": \"fixed\""),
            "protocol.steps[1] (\"Rest for 5 s\"): the length has no effect: the rests are adaptive"
        },
        {
            "minimumPulseS in observe mode",
            Scenario(Pulses, "\"mode\": \"observe\", \"minimumPulseS\": 0.5"),
            Scenario(Pulses, "\"mode\": \"act\", \"minimumPulseS\": 0.5"),
            "controller.minimumPulseS has no effect: pulses are shortened in answer to depletion in act mode only, and the controller observes (\"mode\": \"observe\"); it acts with \"mode\": \"act\""
        },
        {
            "minimumPulseS no shorter than the pulse",
            Scenario(Pulses, "\"mode\": \"act\", \"minimumPulseS\": 1"),
            Scenario(Pulses, "\"mode\": \"act\", \"minimumPulseS\": 0.99"),
            "controller.minimumPulseS has no effect: 1 s is no shorter than the protocol's pulse (\"Strip at 1 mA/cm2 for 1 s\"), and no pulse is shortened below it; give less than 1 s"
        },
        {
            "minimumPulseS on a pulse without a length",
            Scenario("\"steps\": [ \"Strip at 0.2 mA/cm2\" ]", "\"mode\": \"act\", \"minimumPulseS\": 0.5"),
            Scenario("\"steps\": [ \"Strip at 0.2 mA/cm2 for 1 s\" ]", "\"mode\": \"act\", \"minimumPulseS\": 0.5"),
            "controller.minimumPulseS has no effect: the protocol's pulse (\"Strip at 0.2 mA/cm2\") runs until a stop condition"
        },
        {
            "currentReductionPercent in observe mode",
            Scenario(Pulses, "\"mode\": \"observe\", \"currentReductionPercent\": 10"),
            Scenario(Pulses, "\"mode\": \"act\", \"currentReductionPercent\": 10"),
            "controller.currentReductionPercent has no effect: the current is lowered in answer to depletion in act mode only"
        },
        {
            "settledSlopeUvPerS with fixed rests in one direction",
            Scenario(Pulses + ", \"rest\": \"fixed\"", "\"mode\": \"act\", \"settledSlopeUvPerS\": 1000"),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\", \"Plate at 0.2 mA/cm2 for 1 s\" ], \"rest\": \"fixed\"", "\"mode\": \"act\", \"settledSlopeUvPerS\": 1000"),
            "controller.settledSlopeUvPerS has no effect: it ends adaptive rests and the rests where the current changes direction"
        },
        {
            "platingCriticalMAPerCm2 without a plate step",
            Scenario(Pulses, "\"mode\": \"act\", \"platingCriticalMAPerCm2\": 0.3"),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\", \"Plate at 0.2 mA/cm2 for 1 s\" ]", "\"mode\": \"act\", \"platingCriticalMAPerCm2\": 0.3"),
            "controller.platingCriticalMAPerCm2 has no effect: it caps the plating current, and the protocol has no Plate step"
        },
        {
            "cutoffV on a protocol that only plates",
            Scenario("\"steps\": [ \"Plate at 0.2 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"cutoffV\": 2.5"),
            Scenario("\"steps\": [ \"Strip at 0.2 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"cutoffV\": 2.5"),
            "protocol.cutoffV has no effect: it ends strip pulses, and the protocol has no Strip step"
        },
        {
            "capacity limit on a protocol that only plates",
            Scenario("\"steps\": [ \"Plate at 0.2 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"capacityLimitMAhPerCm2\": 0.0001"),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ], \"capacityLimitMAhPerCm2\": 0.0001"),
            "protocol.capacityLimitMAhPerCm2 has no effect: it ends a module's run at a net stripped charge, and the protocol has no Strip step (plating only lowers it)"
        },
        {
            // 2 s at 1 mA/cm2 strip 2/3600 = 0.00056 mAh/cm2; a limit of 1 needs 3600 s of it.
            "capacity limit beyond the time limit",
            Scenario(Pulses + ", \"capacityLimitMAhPerCm2\": 1"),
            Scenario(Pulses + ", \"capacityLimitMAhPerCm2\": 0.0002"),
            "protocol.capacityLimitMAhPerCm2 has no effect: in the run's 2 s (timeLimitS) a module strips at most 0.00056 mAh/cm2 even at the protocol's largest strip current (1 mA/cm2) without a rest, less than the limit of 1; it applies with a timeLimitS of at least 3600 s or a lower limit"
        },
        {
            // One pass strips 1 s at 1 mA/cm2: 1/3600 = 0.00028 mAh/cm2, in a run of 10 s that could strip 0.0028.
            "capacity limit beyond a protocol that runs once",
            Scenario(Pulses + ", \"repeat\": false, \"capacityLimitMAhPerCm2\": 0.001", timeLimitS: 10),
            Scenario(Pulses + ", \"repeat\": true, \"capacityLimitMAhPerCm2\": 0.001", timeLimitS: 10),
            "protocol.capacityLimitMAhPerCm2 has no effect: the protocol runs once (\"repeat\": false) and its Strip steps strip at most 0.00028 mAh/cm2, less than the limit of 0.001; it applies with \"repeat\": true or a limit below that"
        },
        {
            "an override equal to the preset",
            Scenario(Pulses, pack: ", \"overrides\": { \"tauS\": 3.5 }"),
            Scenario(Pulses, pack: ", \"overrides\": { \"tauS\": 5 }"),
            "pack.overrides.tauS has no effect: 3.5 is preset nak50-nasicon's own value; give another value to change the cells"
        },
        {
            "a module override of scale 1",
            Scenario(Pulses, pack: ", \"moduleOverrides\": [ { \"module\": 0, \"tauScale\": 1 } ]"),
            Scenario(Pulses, pack: ", \"moduleOverrides\": [ { \"module\": 0, \"tauScale\": 2 } ]"),
            "pack.moduleOverrides[0].tauScale has no effect: a scale of 1 leaves module 0's tauS as the preset's"
        },
        {
            "a module override without a scale",
            Scenario(Pulses, pack: ", \"moduleOverrides\": [ { \"module\": 0 } ]"),
            Scenario(Pulses, pack: ", \"moduleOverrides\": [ { \"module\": 0, \"iLimScale\": 0.5 } ]"),
            "pack.moduleOverrides[0] has no effect: it gives neither tauScale nor iLimScale, so module 0 keeps the preset's cells"
        },
        {
            "the simple chain's noise with a board",
            Scenario(Pulses, extra: ", \"measurement\": { \"board\": \"virtual\", \"voltageNoiseMv\": 1 }"),
            Scenario(Pulses, extra: ", \"measurement\": { \"voltageNoiseMv\": 1 }"),
            "measurement.voltageNoiseMv has no effect: it sets the simple measurement chain, and the cells are read through board"
        },
        {
            "the board's own readings per sample",
            Scenario(Pulses, extra: ", \"measurement\": { \"board\": \"virtual\", \"adcReadingsPerSample\": 1 }"),
            Scenario(Pulses, extra: ", \"measurement\": { \"board\": \"virtual\", \"adcReadingsPerSample\": 2 }"),
            "measurement.adcReadingsPerSample has no effect: board 'virtual-1x1' reads 1 a sample already"
        },
        {
            "a demand the profile replaces from 0 s",
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ]", modules: 2, pack: ", \"demand\": { \"currentMA\": 0.2, \"profile\": [ { \"atS\": 0, \"currentMA\": 0.3 } ] }"),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ]", modules: 2, pack: ", \"demand\": { \"currentMA\": 0.2, \"profile\": [ { \"atS\": 1, \"currentMA\": 0.3 } ] }"),
            "pack.demand.currentMA has no effect: pack.demand.profile[0] sets the demand from 0 s, before it is ever in force"
        },
        {
            "a demand step that repeats the demand in force",
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ]", modules: 2, pack: ", \"demand\": { \"currentMA\": 0.2, \"profile\": [ { \"atS\": 1, \"currentMA\": 0.2 } ] }"),
            Scenario("\"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 1 s\" ]", modules: 2, pack: ", \"demand\": { \"currentMA\": 0.2, \"profile\": [ { \"atS\": 1, \"currentMA\": 0.3 } ] }"),
            "pack.demand.profile[0] has no effect: it sets the demand already in force (0.2 mA, from pack.demand.currentMA)"
        },
        {
            "a fault whose end comes after the run's",
            Scenario(Pulses, extra: ", \"faults\": [ { \"atS\": 1, \"module\": 0, \"cell\": 0, \"kind\": \"stuckChannel\", \"durationS\": 1.5 } ]"),
            Scenario(Pulses, extra: ", \"faults\": [ { \"atS\": 1, \"module\": 0, \"cell\": 0, \"kind\": \"stuckChannel\", \"durationS\": 0.5 } ]"),
            "faults[0].durationS has no effect: the fault would end at 2.5 s, after the run's end (timeLimitS 2 s), so it lasts to the end; give less than 1 s for it to end, or a longer timeLimitS"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_idle_field_is_warned_of_and_the_same_field_acting_is_not(string name, string idle, string acting, string expected)
    {
        string field = Regex.Match(expected, @"^[\w.\[\]]+").Value;

        (int code, string[] printed, string[] kept) = Run(idle, "idle");
        Assert.True(code == 0, name + ": exit " + code);
        Assert.Single(printed, w => w.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal(printed, kept);
        Assert.Contains(kept, w => w.StartsWith(expected, StringComparison.Ordinal));

        (code, printed, kept) = Run(acting, "acting");
        Assert.True(code == 0, name + ": exit " + code);
        Assert.DoesNotContain(printed, w => w.StartsWith(field + " ", StringComparison.Ordinal) || w.StartsWith(field + ".", StringComparison.Ordinal));
        Assert.Equal(printed, kept);
    }

    [Fact]
    public void A_scenario_whose_fields_all_act_has_an_empty_warnings_list_and_prints_none()
    {
        (int code, string[] printed, string[] kept) = Run(Scenario(AdaptivePulses + ", \"minRestS\": 0.5, \"maxRestS\": 8, \"capacityLimitMAhPerCm2\": 0.0002", "\"mode\": \"act\", \"minimumPulseS\": 0.5"), "clean");

        Assert.Equal(0, code);
        Assert.Empty(printed);
        Assert.Empty(kept);
    }

    [Fact]
    public void The_warnings_are_printed_before_the_run_and_shown_in_the_report()
    {
        string path = _scratch.Write("report.json", Scenario(Pulses + ", \"minRestS\": 0.5"));
        string outDir = _scratch.Path2("report-out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", path, "--out", outDir, "--progress", "plain" }, stdout, stderr);

        Assert.Equal(0, code);
        string[] err = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("warning: protocol.minRestS has no effect", err[0], StringComparison.Ordinal);

        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Match data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success, "no report data");
        JsonElement table = JsonDocument.Parse(data.Groups[1].Value).RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == "Scenario warnings");
        Assert.StartsWith("protocol.minRestS has no effect: the rests are fixed", table.GetProperty("rows")[0][0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Before the run, not after it: a run refused once it has started (its simulated unit, on a board whose cell 1 divider
    /// is 0.2 against calibration points for 0.3297, cannot be calibrated) has given its warning first. Progress lines are no
    /// proof: they wait for the first 2 s of wall time, which a short run may never reach.
    /// </summary>
    [Fact]
    public void The_warnings_come_before_what_the_run_itself_says()
    {
        string text = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board"));
        const string Divider = "divider_ratio = 0.3297 ";
        Assert.Contains(Divider, text, StringComparison.Ordinal);
        _scratch.Write("divider.board", text.Replace(Divider, "divider_ratio = 0.2    ", StringComparison.Ordinal));
        string path = _scratch.Write("refused.json", "{ \"name\": \"d\", \"seed\": 1, \"timeLimitS\": 3, "
            + "\"pack\": { \"modules\": 2, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { " + Pulses + ", \"rest\": \"fixed\", \"minRestS\": 0.5 }, "
            + "\"measurement\": { \"board\": \"divider.board\" } }");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "run", path, "--out", _scratch.Path2("refused-out"), "--progress", "plain" }, stdout, stderr);

        Assert.Equal(2, code);
        string[] err = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The 0.2 divider's 4.03 mV a count is also too coarse for the detectors' floors: warned next, also before the run.
        Assert.True(err.Length == 3, stderr.ToString());
        Assert.StartsWith("warning: protocol.minRestS has no effect", err[0], StringComparison.Ordinal);
        Assert.StartsWith("warning: [cell 1] divider_ratio: 0.2 gives", err[1], StringComparison.Ordinal);
        Assert.Contains("the simulated unit cannot be calibrated", err[2], StringComparison.Ordinal);
    }

    /// <summary>A brokerOutage acts only where the device has a broker: run with --mqtt or --dashboard.</summary>
    [Fact]
    public void A_broker_outage_is_idle_without_a_broker_and_acts_with_one()
    {
        string json = Scenario(Pulses, extra: ", \"faults\": [ { \"atS\": 1, \"kind\": \"brokerOutage\", \"durationS\": 0.5 } ]");
        (int code, string[] printed, _) = Run(json, "outage");
        Assert.Equal(0, code);
        Assert.Equal(new[] { "faults[0] (brokerOutage) has no effect: it drops the device's broker connection, and this run has none; it applies in run with --mqtt or --dashboard" }, printed);

        Assert.Empty(FieldsWithoutEffect.Find(ScenarioLoader.Parse(json), ScenarioUse.RunWithBroker));
    }

    /// <summary>Runs the scenario through edge-sim run; returns its exit code, the warnings on stderr and those in summary.json.</summary>
    private (int Code, string[] Printed, string[] Kept) Run(string json, string name)
    {
        string path = _scratch.Write(name + ".json", json);
        string outDir = _scratch.Path2(name + "-out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Program.Execute(new[] { "run", path, "--out", outDir, "--quiet" }, stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        string[] printed = stderr.ToString().Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Select(l => l["warning: ".Length..].TrimEnd('\r')).ToArray();
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        string[] kept = summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        return (code, printed, kept);
    }
}
