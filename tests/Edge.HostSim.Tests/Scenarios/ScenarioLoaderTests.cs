// Licensed under the MIT License.

using System.Text.Json.Nodes;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>Bad scenarios are rejected with the offending field's path; good ones load with their values.</summary>
public sealed class ScenarioLoaderTests
{
    internal const string Valid = """
        {
          "name": "valid",
          "seed": 7,
          "samplePeriodMs": 10,
          "timeLimitS": 60,
          "pack": { "modules": 2, "cellsPerModule": 3, "preset": "nak50-nasicon", "areaCm2": 0.3848,
                    "spread": { "iLimPct": 2, "tauPct": 3 }, "overrides": { "tauS": 4 } },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "adaptive",
                        "minRestS": 0.5, "maxRestS": 10, "cutoffV": 3.0, "capacityLimitMAhPerCm2": 20 },
          "controller": { "mode": "act" },
          "faults": [
            { "atS": 10, "module": 1, "cell": 2, "kind": "softShort", "resistanceOhmCm2": 300, "onS": 0.1, "offS": 1 },
            { "atS": 20, "module": 0, "cell": 0, "kind": "hardShort" },
            { "atS": 5, "kind": "tickJitter", "jitterMs": 3 },
            { "atS": 5, "kind": "brokerOutage", "durationS": 30 }
          ]
        }
        """;

    [Fact]
    public void ValidScenarioLoadsEveryField()
    {
        Scenario s = ScenarioLoader.Parse(Valid);
        Assert.Equal("valid", s.Name);
        Assert.Equal(7UL, s.Seed);
        Assert.Equal(2, s.Pack.Modules);
        Assert.Equal(3, s.Pack.CellsPerModule);
        Assert.Equal(3.0, s.Pack.TauSpreadPct);
        Assert.Equal(4.0, s.Pack.Overrides["tauS"]);
        Assert.True(s.Protocol.AdaptiveRest);
        Assert.Equal(2, s.Protocol.Steps.Count);
        Assert.Equal(4, s.Faults.Count);
        Assert.Equal(Edge.HostSim.Faults.FaultKind.SoftShort, s.Faults[0].Kind);
        Assert.Equal(30.0, s.Faults[3].DurationS);
    }

    [Fact]
    public void ProtocolRepeatsUnlessToldToRunOnce()
    {
        // Cycler programmes are either repeated to a stop condition (the pulse table) or finite (a current scan, 25 cycles).
        Scenario repeated = ScenarioLoader.Parse(Valid);
        Scenario once = ScenarioLoader.Parse(Mutate(Valid, "protocol.repeat=false"));

        Assert.True(repeated.Protocol.Repeat);
        Assert.True(ScenarioCompiler.Compile(repeated).Protocol.Repeat);
        Assert.False(once.Protocol.Repeat);
        Assert.False(ScenarioCompiler.Compile(once).Protocol.Repeat);
    }

    [Fact]
    public void HardShortTestIsConfiguredForThePacksCells()
    {
        // Electrolyte plus interface of each preset (cell-model.md, [S]): NaK on 1.5 mm NASICON 150 + 20 ohm cm2,
        // K on beta''-alumina 0.5 + 20; an explicit value wins.
        Assert.Equal(170, ScenarioCompiler.Compile(ScenarioLoader.Parse(Valid)).HardShort.NominalResistanceOhmCm2);
        Assert.Equal(21, ScenarioCompiler.Compile(ScenarioLoader.Parse(Mutate(Mutate(Valid, "pack.preset=\"k-betaalumina\""), "pack.overrides={}"))).HardShort.NominalResistanceOhmCm2);
        Assert.Equal(60, ScenarioCompiler.Compile(ScenarioLoader.Parse(Mutate(Valid, "controller.nominalResistanceOhmCm2=60"))).HardShort.NominalResistanceOhmCm2);
    }

    [Fact]
    public void BuiltInDemoLoads()
    {
        Scenario demo = BuiltInScenarios.Demo();
        Assert.Equal("nak50-nasicon", demo.Pack.Preset);
        Assert.True(demo.Protocol.AdaptiveRest);
        Assert.True(demo.Controller.Act);
    }

    public static TheoryData<string, string, string> BadScenarios() => new()
    {
        // (what to change as "path=json value" or "-path" to remove, expected path in the message, expected words)
        { "-name", "name", "required" },
        { "timeLimitS=\"long\"", "timeLimitS", "number" },
        { "timeLimitS=-1", "timeLimitS", "out of range" },
        { "samplePeriodMs=2.5", "samplePeriodMs", "integer" },
        // 1 ms is in the documented range, but the core's 500 ms rest-slope window would hold 500 samples (256 at most).
        { "samplePeriodMs=1", "samplePeriodMs", "1 ms puts more than 256 samples in the core's 500 ms rest-slope window (restTuning.slopeWindowMs): at least 2 ms" },
        { "colour=\"red\"", "colour", "unknown field" },
        { "pack.colour=1", "pack.colour", "unknown field" },
        { "-pack.modules", "pack.modules", "required" },
        { "pack.modules=0", "pack.modules", "out of range" },
        { "pack.preset=\"nak99\"", "pack.preset", "unknown preset" },
        { "pack.spread.iLimPct=90", "pack.spread.iLimPct", "out of range" },
        { "pack.overrides.warpFactor=9", "pack.overrides.warpFactor", "unknown parameter" },
        { "pack.overrides.tauS=\"x\"", "pack.overrides.tauS", "number" },
        { "protocol.steps=[\"Strip at 1 mA/cm2 for 1 s\", \"Nap for 5 s\"]", "protocol.steps[1]", "Strip, Plate or Rest" },
        { "protocol.steps=[\"Strip at 1 parsec\"]", "protocol.steps[0]", "unit" },
        { "protocol.steps=[]", "protocol.steps", "at least one" },
        { "protocol.steps=[5]", "protocol.steps[0]", "string" },
        { "protocol.rest=\"sometimes\"", "protocol.rest", "fixed" },
        { "protocol.repeat=\"once\"", "protocol.repeat", "true or false" },
        { "protocol.cutoffV=9", "protocol.cutoffV", "out of range" },
        { "controller.mode=\"panic\"", "controller.mode", "observe" },
        { "controller.nominalResistanceOhmCm2=0", "controller.nominalResistanceOhmCm2", "out of range" },
        // Pulse tuning cannot shorten a pulse below one 10 ms sample: named at the scenario's field, in its seconds.
        { "controller.minimumPulseS=0.005", "controller.minimumPulseS", "0.005 s is shorter than the 10 ms sample period" },
        { "controller.minimumPulseS=0.0014", "controller.minimumPulseS", "give at least 0.01 s" },
        { "faults=[{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"meteor\"}]", "faults[0].kind", "unknown fault kind" },
        { "faults=[{\"atS\":1,\"module\":5,\"cell\":0,\"kind\":\"hardShort\"}]", "faults[0].module", "out of range" },
        { "faults=[{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\"}]", "faults[0].resistanceOhmCm2", "required" },
        { "faults=[{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10,\"onS\":1}]", "faults[0].offS", "both" },
        // A chance of 0 per sample is a shunt that never conducts, not the permanent one an absent probability gives.
        { "faults=[{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10,\"probability\":0}]", "faults[0].probability", "above 0" },
        { "faults=[{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"hardShort\",\"noiseMv\":3}]", "faults[0].noiseMv", "unknown field" },
        { "faults=[{\"atS\":1,\"kind\":\"brokerOutage\"}]", "faults[0].durationS", "required" },
        { "faults=[{\"atS\":1,\"module\":0,\"kind\":\"noiseBurst\",\"durationS\":1}]", "faults[0].noiseMv", "required" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void BadScenarioNamesTheField(string change, string path, string words)
    {
        string json = Mutate(Valid, change);
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(words, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ASamplePeriodLongerThanTheRestSlopeWindowIsNamedAsSuch()
    {
        // 600 ms is in the loader's range, but the core's 500 ms rest-slope window cannot hold one such sample.
        string json = Mutate(Mutate(Valid, "protocol.rest=\"fixed\""), "samplePeriodMs=600");
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));
        Assert.Equal("samplePeriodMs", e.Path);
        Assert.Equal("samplePeriodMs: 600 ms is longer than the core's 500 ms rest-slope window (restTuning.slopeWindowMs): at most 500 ms", e.Message);
    }

    [Fact]
    public void CoreErrorOnAProtocolStepNamesOnlyTheStep()
    {
        // The core judges the timing (a 5 ms pulse at 10 ms samples); the step is the scenario's own field, not
        // a core field the user cannot set.
        string json = Mutate(Valid, "protocol.steps=[\"Strip at 1 mA/cm2 for 5 ms\", \"Rest for 5 s\"]");

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("protocol.steps[0]: a pulse shorter than one sample period cannot be timed", e.Message);
    }

    [Fact]
    public void UniformJitterOfHalfASamplePeriodOrMoreIsRefused()
    {
        // +-5 ms at 10 ms samples: two neighbours 5 ms late and 5 ms early share a timestamp; +-4 ms never do.
        string Jitter(int ms) => Mutate(Valid, "faults=[{ \"atS\": 1, \"kind\": \"tickJitter\", \"jitterMs\": " + ms + " }]");

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Jitter(5)));

        Assert.Equal("faults[0].jitterMs", e.Path);
        Assert.Contains("5 ms is half the 10 ms sample period or more", e.Problem, StringComparison.Ordinal);
        Assert.Contains("give at most 4 ms", e.Problem, StringComparison.Ordinal);
        Assert.Equal(4, ScenarioLoader.Parse(Jitter(4)).Faults[0].JitterMs);
    }

    [Fact]
    public void ARestShorterThanOneSamplePeriodIsRefusedAsAPulseIs()
    {
        // It ran a whole sample period: "Rest for 0.005 s" at 10 ms samples rested 10 ms.
        string json = Mutate(Valid, "protocol.steps=[\"Strip at 1 mA/cm2 for 1 s\", \"Rest for 0.005 s\"]");

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("protocol.steps[1]: a rest shorter than one sample period cannot be timed", e.Message);
    }

    [Fact]
    public void VirtualBoardMatchesThePack()
    {
        Scenario s = ScenarioLoader.Parse(Mutate(Valid, "measurement={\"board\":\"virtual\"}"));
        Assert.NotNull(s.Measurement.BoardDefinition);
        Assert.Equal(6, s.Measurement.BoardDefinition!.CellCount);
        Assert.Equal(2, s.Measurement.BoardDefinition.ModuleCount);
    }

    [Fact]
    public void BoardFileOfAnotherShapeIsRejected()
    {
        string board = Path.Combine(RepositoryRoot(), "boards", "esp32-devkitc-4s2m.board");
        string json = Mutate(Valid, "measurement={\"board\":" + System.Text.Json.JsonSerializer.Serialize(board) + "}");
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));
        Assert.Equal("measurement.board", e.Path);
        Assert.Contains("modules", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoardsSamplePeriodIsTakenAndAnotherGivenOneIsRejected()
    {
        // The six-cell multiplexed board ticks every 20 ms (its sample_period_ms): a scenario without samplePeriodMs
        // runs at 20 ms, one that asks for 10 ms is told the board's period instead of silently running at 10.
        string board = System.Text.Json.JsonSerializer.Serialize(Path.Combine(RepositoryRoot(), "boards", "esp32-mux-6s.board"));
        string Json(string period) => "{ \"name\": \"mux\", \"seed\": 1" + period + ", \"timeLimitS\": 10, "
            + "\"pack\": { \"modules\": 3, \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\" ] }, "
            + "\"measurement\": { \"board\": " + board + " } }";

        Assert.Equal(20, ScenarioLoader.Parse(Json(string.Empty)).SamplePeriodMs);
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json(", \"samplePeriodMs\": 10")));
        Assert.Equal("samplePeriodMs", e.Path);
        Assert.Contains("board 'esp32-mux-6s' samples every 20 ms", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APackOverTheCellLimitIsRefusedNamingItsCellsAndTheLimit()
    {
        // 16 modules x 17 cells = 272 cells against PackLayout.MaximumCellCount, 256; 256 / 16 = 16 cells per module fit.
        string json = Mutate(Mutate(Valid, "pack.modules=16"), "pack.cellsPerModule=17");

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("pack.cellsPerModule", e.Path);
        Assert.Equal("pack.cellsPerModule: 16 modules x 17 cells is 272 cells, more than the 256 cells a pack may have; with 16 modules give at most 16 cells per module", e.Message);
    }

    [Fact]
    public void ABoardOfAnotherLayoutIsNamedBeforeWhatTheScenarioSaysOfItsSensors()
    {
        // The six-cell multiplexed board is 3 modules of 2 cells; a pack of its 6 cells as 6 modules of 1 is the basic
        // mistake, and a sensor placed on module 5 (a module the board does not have) follows from it: the layout comes
        // first, in both layouts' terms, with the values that fit the board.
        string board = System.Text.Json.JsonSerializer.Serialize(Path.Combine(RepositoryRoot(), "boards", "esp32-mux-6s.board"));
        string json = "{ \"name\": \"mux\", \"seed\": 1, \"timeLimitS\": 10, "
            + "\"pack\": { \"modules\": 6, \"cellsPerModule\": 1, \"preset\": \"nak50-nasicon\", \"temperatureSensors\": 1, \"temperatureSensorModules\": [5] }, "
            + "\"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 5 s\" ] }, "
            + "\"measurement\": { \"board\": " + board + " } }";

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("measurement.board", e.Path);
        Assert.Equal("measurement.board: board 'esp32-mux-6s' has 3 modules of 2 cells, the pack 6 modules of 1 cell: give pack.modules 3 and pack.cellsPerModule 2", e.Message);
    }

    [Fact]
    public void AFolderGivenAsTheBoardFileIsNamedAsAFolder()
    {
        string folder = System.Text.Json.JsonSerializer.Serialize(Path.Combine(RepositoryRoot(), "boards"));

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Mutate(Valid, "measurement={\"board\":" + folder + "}")));

        Assert.Equal("measurement.board", e.Path);
        Assert.Contains("is a folder; give the board file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingBoardFileIsRejected()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Mutate(Valid, "measurement={\"board\":\"no-such.board\"}")));
        Assert.Equal("measurement.board", e.Path);
    }

    private static string RepositoryRoot()
    {
        DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void MalformedJsonIsRejected()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("{ \"name\": "));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Applies "a.b=json" (set) or "-a.b" (remove) to a JSON document.</summary>
    internal static string Mutate(string json, string change)
    {
        JsonObject root = JsonNode.Parse(json)!.AsObject();
        bool remove = change.StartsWith('-');
        string spec = remove ? change.Substring(1) : change;
        int eq = spec.IndexOf('=');
        string path = remove ? spec : spec.Substring(0, eq);
        string[] parts = path.Split('.');
        JsonObject parent = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            parent = parent[parts[i]]!.AsObject();
        }

        if (remove)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(spec.Substring(eq + 1));
        }

        return root.ToJsonString();
    }
}
