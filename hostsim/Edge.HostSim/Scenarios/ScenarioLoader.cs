// Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Edge.HostSim.Faults;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// Reads and strictly validates scenario JSON (camelCase). Every rejection is a <see cref="ScenarioException"/>
/// naming the field path; a scenario that loads also compiles to a valid controller configuration.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Longest simulated run accepted: 30 days.</summary>
    public const double MaximumTimeLimitS = 30 * 86400.0;

    public static Scenario LoadFile(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (Directory.Exists(path))
        {
            throw new ScenarioException(string.Empty, "'" + path + "' is a folder; give the scenario's .json file");
        }

        if (!File.Exists(path))
        {
            throw new ScenarioException(string.Empty, "no scenario file '" + path + "'");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ScenarioException(string.Empty, "cannot read '" + path + "': " + e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ScenarioException(string.Empty, "cannot read '" + path + "': " + e.Message);
        }

        return Parse(text, directory);
    }

    /// <summary>Parses scenario JSON; a board file named in it is looked up relative to <paramref name="baseDirectory"/>.</summary>
    /// <param name="boardTexts">
    /// Board files already read, by the name measurement.board gives them: taken in place of the file (a study
    /// folder's study.json carries the boards its variants were measured through).
    /// </param>
    public static Scenario Parse(string json, string? baseDirectory = null, IReadOnlyDictionary<string, string>? boardTexts = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ScenarioException(string.Empty, JsonSyntax.Describe(e));
        }

        using (document)
        {
            JsonSyntax.RejectDuplicateKeys(document.RootElement, string.Empty);
            Scenario scenario = Read(new JsonSection(document.RootElement, string.Empty));
            HashSet<string> given = new HashSet<string>(StringComparer.Ordinal);
            CollectPaths(document.RootElement, string.Empty, given);
            scenario.GivenFields = given;
            LoadBoard(scenario, baseDirectory, boardTexts);
            ScenarioCompiler.Validate(scenario);
            RejectJitterThatReordersTimestamps(scenario);
            RejectOverlappingTickJitter(scenario);
            RejectFaultTimesShorterThanASample(scenario);
            RejectMuxFaultsOffTheBoard(scenario);
            return scenario;
        }
    }

    /// <summary>Adds the path of every member and array entry under <paramref name="element"/>, in the field paths the messages use.</summary>
    private static void CollectPaths(JsonElement element, string path, HashSet<string> paths)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                string child = path.Length == 0 ? property.Name : path + "." + property.Name;
                paths.Add(child);
                CollectPaths(property.Value, child, paths);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                string child = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                paths.Add(child);
                CollectPaths(item, child, paths);
                index++;
            }
        }
    }

    /// <summary>
    /// Uniform tick jitter of half a sample period or more: two neighbouring timestamps can repeat or go back, which no
    /// device's monotonic clock does (the core then reported a missed tick with a value below its threshold).
    /// </summary>
    private static void RejectJitterThatReordersTimestamps(Scenario s)
    {
        for (int i = 0; i < s.Faults.Count; i++)
        {
            FaultSpec f = s.Faults[i];
            if (f.Kind == FaultKind.TickJitter && f.JitterMode == TickJitterMode.Uniform && 2 * f.JitterMs >= s.SamplePeriodMs)
            {
                throw new ScenarioException("faults[" + i.ToString(CultureInfo.InvariantCulture) + "].jitterMs", string.Format(CultureInfo.InvariantCulture,
                    "{0} ms is half the {1} ms sample period or more: the jittered timestamps would repeat or go back, which a monotonic clock never does; give at most {2} ms, or \"mode\": \"nanoFramework\" for ticks that start late", f.JitterMs, s.SamplePeriodMs, (s.SamplePeriodMs - 1) / 2));
            }
        }
    }

    /// <summary>
    /// Two tickJitter faults active at once: a tick has one clock, and the injector keeps one of them (the last listed
    /// nanoFramework one, which also silences any uniform one; of uniform ones the largest), so the other changed
    /// nothing while the scenario said it ran. Refused at the later one, with the time both are active.
    /// </summary>
    private static void RejectOverlappingTickJitter(Scenario s)
    {
        for (int j = 0; j < s.Faults.Count; j++)
        {
            FaultSpec later = s.Faults[j];
            if (later.Kind != FaultKind.TickJitter)
            {
                continue;
            }

            for (int i = 0; i < j; i++)
            {
                FaultSpec earlier = s.Faults[i];
                if (earlier.Kind != FaultKind.TickJitter)
                {
                    continue;
                }

                long fromMs = Math.Max(earlier.AtMs, later.AtMs);
                long toMs = Math.Min(JitterEndMs(earlier), JitterEndMs(later));
                if (fromMs < toMs)
                {
                    string to = toMs == long.MaxValue ? "the end of the run" : (toMs / 1000.0).ToString(CultureInfo.InvariantCulture) + " s";
                    throw new ScenarioException("faults[" + j.ToString(CultureInfo.InvariantCulture) + "]", string.Format(CultureInfo.InvariantCulture,
                        "this {0} tickJitter is active at the same time as faults[{1}]'s {2} one (from {3} s to {4}): ticks have one clock, and only one of the two would act; give tickJitter faults windows that do not overlap (atS, durationS)",
                        ScenarioNames.Camel(later.JitterMode.ToString()), i, ScenarioNames.Camel(earlier.JitterMode.ToString()), fromMs / 1000.0, to));
                }
            }
        }
    }

    /// <summary>
    /// A muxSelectLine fault needs a multiplexer with that line (a board without one, or the simple chain, has none: the
    /// fault would change nothing), and one line cannot be stuck high and low at once (one of the two would act).
    /// </summary>
    private static void RejectMuxFaultsOffTheBoard(Scenario s)
    {
        Edge.Core.Boards.MuxDefinition? mux = s.Measurement.BoardDefinition?.Mux;
        for (int j = 0; j < s.Faults.Count; j++)
        {
            FaultSpec later = s.Faults[j];
            if (later.Kind != FaultKind.MuxSelectLine)
            {
                continue;
            }

            string at = "faults[" + j.ToString(CultureInfo.InvariantCulture) + "]";
            if (mux == null)
            {
                string board = s.Measurement.BoardDefinition == null ? "no board (give measurement.board, a board file with a [mux] section)" : "board '" + s.Measurement.BoardDefinition.Name + "', which has no [mux] section";
                throw new ScenarioException(at + ".kind", "muxSelectLine sticks a multiplexer select line, and the run has " + board);
            }

            if (later.SelectLine >= mux.SelectPinCount)
            {
                throw new ScenarioException(at + ".line", string.Format(CultureInfo.InvariantCulture,
                    "S{0} does not exist: board '{1}' has {2} select lines, S0 to S{3}", later.SelectLine, s.Measurement.BoardDefinition!.Name, mux.SelectPinCount, mux.SelectPinCount - 1));
            }

            for (int i = 0; i < j; i++)
            {
                FaultSpec earlier = s.Faults[i];
                if (earlier.Kind != FaultKind.MuxSelectLine || earlier.SelectLine != later.SelectLine || earlier.StuckHigh == later.StuckHigh)
                {
                    continue;
                }

                long fromMs = Math.Max(earlier.AtMs, later.AtMs);
                long toMs = Math.Min(JitterEndMs(earlier), JitterEndMs(later));
                if (fromMs < toMs)
                {
                    throw new ScenarioException(at + ".level", string.Format(CultureInfo.InvariantCulture,
                        "S{0} stuck {1} while faults[{2}] holds it {3} (from {4} s): a line has one level; give the two faults windows that do not overlap (atS, durationS)",
                        later.SelectLine, later.StuckHigh ? "high" : "low", i, earlier.StuckHigh ? "high" : "low", fromMs / 1000.0));
                }
            }
        }
    }

    private static bool ReadLevel(JsonSection section)
    {
        string level = section.String("level");
        if (level == "high" || level == "low")
        {
            return level == "high";
        }

        throw new ScenarioException(section.FieldPath("level"), "unknown level \"" + level + "\" (valid: high, low)");
    }

    /// <summary>End of a fault's window, whole ms (exclusive, as <see cref="FaultSpec.IsActiveAt"/>); long.MaxValue for one to the end of the run.</summary>
    private static long JitterEndMs(FaultSpec f) => f.DurationS > 0 ? f.AtMs + FaultSpec.ToMs(f.DurationS) : long.MaxValue;

    /// <summary>
    /// A durationS, onS or offS shorter than one sample period cannot be timed: faults are applied once a sample, so it
    /// fell between two samples (the fault never happened) or was seen on every one (a shunt meant to conduct 1 ms
    /// in 10 conducted throughout). Checked once the sample period is final (a board may set it).
    /// A temperature rise is exempt: its reading integrates the rise, so a short one still leaves its step.
    /// </summary>
    private static void RejectFaultTimesShorterThanASample(Scenario s)
    {
        for (int i = 0; i < s.Faults.Count; i++)
        {
            FaultSpec f = s.Faults[i];
            if (f.Kind != FaultKind.TemperatureRise)
            {
                RejectShorterThanASample(s, i, "durationS", f.DurationS);
            }

            RejectShorterThanASample(s, i, "onS", f.OnS);
            RejectShorterThanASample(s, i, "offS", f.OffS);
            RejectPartOfASample(s, i, "onS", f.OnS);
            RejectPartOfASample(s, i, "offS", f.OffS);
        }
    }

    /// <summary>
    /// An intermittent short's onS and offS are whole numbers of samples: the short is looked at once a sample, so
    /// 0.015 s on and 0.015 s off at 10 ms conducted on 2 samples in 3, not the half the scenario gives.
    /// </summary>
    private static void RejectPartOfASample(Scenario s, int index, string field, double valueS)
    {
        long ms = FaultSpec.ToMs(valueS);
        int period = s.SamplePeriodMs;
        if (valueS > 0 && ms % period != 0)
        {
            long below = ms / period * period;
            throw new ScenarioException("faults[" + index.ToString(CultureInfo.InvariantCulture) + "]." + field, string.Format(CultureInfo.InvariantCulture,
                "{0} s is not a whole number of {1} ms samples: the short is looked at once a sample, so its on/off ratio would not be the one given; give {2} s or {3} s", valueS, period, below / 1000.0, (below + period) / 1000.0));
        }
    }

    private static void RejectShorterThanASample(Scenario s, int index, string field, double valueS)
    {
        // 0 is "not given" here: the readers have refused a given 0 wherever it would mean anything else.
        if (valueS > 0 && FaultSpec.ToMs(valueS) < s.SamplePeriodMs)
        {
            throw new ScenarioException("faults[" + index.ToString(CultureInfo.InvariantCulture) + "]." + field, string.Format(CultureInfo.InvariantCulture,
                "{0} s is shorter than the {1} ms sample period: faults act once a sample, so it cannot be timed; give at least {2} s", valueS, s.SamplePeriodMs, s.SamplePeriodMs / 1000.0));
        }
    }

    private static Scenario Read(JsonSection root)
    {
        Scenario s = new Scenario();
        s.Name = root.String("name");
        if (s.Name.Trim().Length == 0)
        {
            throw new ScenarioException("name", "must not be empty");
        }

        s.Seed = (ulong)root.Integer("seed", 0, long.MaxValue, 1);
        s.SamplePeriodGiven = root.Has("samplePeriodMs");
        s.SamplePeriodMs = (int)root.Integer("samplePeriodMs", 1, 1000, 10);
        s.TimeLimitS = root.Number("timeLimitS", 0.001, MaximumTimeLimitS);
        s.Pack = ReadPack(root.Section("pack"));
        if (s.Pack.Demand != null)
        {
            for (int i = 0; i < s.Pack.Demand.Profile.Count; i++)
            {
                double atS = s.Pack.Demand.Profile[i].AtS;
                if (atS > s.TimeLimitS)
                {
                    // The run ends first, as for a fault that late: the step would load and never happen.
                    throw new ScenarioException("pack.demand.profile[" + i + "].atS", string.Format(CultureInfo.InvariantCulture,
                        "{0} s is after the run's end (timeLimitS {1} s): the step would never happen; give at most {1} s, or a longer timeLimitS", atS, s.TimeLimitS));
                }
            }
        }

        s.Protocol = ReadProtocol(root.Section("protocol"));
        if (root.Has("controller"))
        {
            s.Controller = ReadController(root.Section("controller"));
        }

        if (root.Has("measurement"))
        {
            s.Measurement = ReadMeasurement(root.Section("measurement"));
        }

        if (root.Has("trace"))
        {
            JsonSection trace = root.Section("trace");
            s.Trace.PeriodMs = (int)trace.Integer("periodMs", 0, 3600000, 0);
            trace.RejectUnknown();
        }

        if (root.Has("faults"))
        {
            JsonElement faults = root.Array("faults");
            int index = 0;
            foreach (JsonElement fault in faults.EnumerateArray())
            {
                JsonSection section = new JsonSection(fault, "faults[" + index + "]");
                FaultSpec spec = ReadFault(section, s.Pack);
                if (spec.AtS > s.TimeLimitS)
                {
                    // The run ends first: the fault would load and never happen.
                    throw new ScenarioException(section.FieldPath("atS"), string.Format(CultureInfo.InvariantCulture,
                        "{0} s is after the run's end (timeLimitS {1} s): the fault would never happen; give at most {1} s, or a longer timeLimitS", spec.AtS, s.TimeLimitS));
                }

                s.Faults.Add(spec);
                index++;
            }
        }

        root.RejectUnknown();
        return s;
    }

    private static int[] ReadSensorModules(JsonSection section, PackSpec pack)
    {
        const string Key = "temperatureSensorModules";
        JsonElement list = section.Array(Key);
        string path = section.FieldPath(Key);
        int count = list.GetArrayLength();
        if (count != pack.TemperatureSensors)
        {
            throw new ScenarioException(path, count + " entries for " + pack.TemperatureSensors + " temperature sensors (pack.temperatureSensors): give one module, or -1 for the whole pack, per sensor");
        }

        var modules = new int[count];
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemPath = path + "[" + i + "]";
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int module))
            {
                string found = item.ValueKind == JsonValueKind.Number ? item.GetRawText() : JsonSection.Describe(item.ValueKind);
                throw new ScenarioException(itemPath, "must be a whole number (a module, or -1 for the whole pack), not " + found);
            }

            if (module < -1 || module >= pack.Modules)
            {
                throw new ScenarioException(itemPath, module + " is not a module of this pack (0 to " + (pack.Modules - 1) + ") nor -1 for the whole pack");
            }

            modules[i++] = module;
        }

        return modules;
    }

    private static PackSpec ReadPack(JsonSection section)
    {
        PackSpec pack = new PackSpec();
        pack.Modules = (int)section.Integer("modules", 1, 256);
        pack.CellsPerModule = (int)section.Integer("cellsPerModule", 1, 256);
        int maximumCells = Edge.Core.Sampling.PackLayout.MaximumCellCount;
        if (pack.Modules * pack.CellsPerModule > maximumCells)
        {
            // In the user's terms: the product and the limit it is held against, and the largest module of this many.
            throw new ScenarioException(section.FieldPath("cellsPerModule"), string.Format(
                CultureInfo.InvariantCulture,
                "{0} modules x {1} cells is {2} cells, more than the {3} cells a pack may have; with {0} modules give at most {4} cells per module",
                pack.Modules,
                pack.CellsPerModule,
                pack.Modules * pack.CellsPerModule,
                maximumCells,
                maximumCells / pack.Modules));
        }

        pack.Preset = section.String("preset");
        string? presetError = CellBankFactory.CheckPreset(pack.Preset);
        if (presetError != null)
        {
            throw new ScenarioException(section.FieldPath("preset"), presetError);
        }

        pack.TemperatureSensors = (int)section.Integer("temperatureSensors", 0, 4, 0);
        if (section.Has("temperatureSensorModules"))
        {
            pack.TemperatureSensorModules = ReadSensorModules(section, pack);
        }
        pack.AreaCm2Given = section.Has("areaCm2");
        pack.AreaCm2 = section.Number("areaCm2", 1e-4, 10000, pack.AreaCm2);
        if (section.Has("spread"))
        {
            JsonSection spread = section.Section("spread");
            pack.ILimSpreadPct = spread.Number("iLimPct", 0, 50, 0);
            pack.TauSpreadPct = spread.Number("tauPct", 0, 50, 0);
            spread.RejectUnknown();
        }

        if (section.Has("overrides"))
        {
            JsonSection overrides = section.Section("overrides");
            foreach (JsonProperty property in section.Raw("overrides").EnumerateObject())
            {
                string path = overrides.FieldPath(property.Name);
                if (property.Value.ValueKind != JsonValueKind.Number)
                {
                    throw new ScenarioException(path, "must be a number, not " + JsonSection.Describe(property.Value.ValueKind));
                }

                // Parameter names are matched in any case: "tauS" and "TauS" are one parameter, and the second would win.
                string? same = pack.Overrides.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                if (same != null)
                {
                    throw new ScenarioException(path, "is the parameter '" + same + "' again (names are matched in any case); give it once");
                }

                double value = property.Value.GetDouble();
                string? error = CellBankFactory.CheckOverride(pack.Preset, property.Name, value);
                if (error != null)
                {
                    throw new ScenarioException(path, error);
                }

                pack.Overrides[property.Name] = value;
            }
        }

        if (section.Has("moduleOverrides"))
        {
            int index = 0;
            foreach (JsonElement element in section.Array("moduleOverrides").EnumerateArray())
            {
                JsonSection o = new JsonSection(element, section.FieldPath("moduleOverrides[" + index + "]"));
                ModuleOverrideSpec spec = new ModuleOverrideSpec
                {
                    Module = (int)o.Integer("module", 0, pack.Modules - 1),
                    TauScale = o.Number("tauScale", 0.05, 100, 1.0),
                    ILimScale = o.Number("iLimScale", 0.05, 20, 1.0),
                };
                o.RejectUnknown();
                int earlier = pack.ModuleOverrides.FindIndex(m => m.Module == spec.Module);
                if (earlier >= 0)
                {
                    // Two entries would multiply: give the module's scales once.
                    throw new ScenarioException(o.FieldPath("module"), "module " + spec.Module + " is already in moduleOverrides[" + earlier + "]; give each module once");
                }

                pack.ModuleOverrides.Add(spec);
                index++;
            }
        }

        if (section.Has("demand"))
        {
            pack.Demand = ReadDemand(section.Section("demand"));
        }

        section.RejectUnknown();
        CellBankFactory.Parameters(pack);
        return pack;
    }

    private static DemandSpec ReadDemand(JsonSection section)
    {
        DemandSpec demand = new DemandSpec();
        ReadDemandValue(section, out double? ma, out double? density);
        demand.CurrentMA = ma;
        demand.CurrentDensityMAPerCm2 = density;
        if (section.Has("profile"))
        {
            int index = 0;
            double previousS = -1;
            foreach (JsonElement element in section.Array("profile").EnumerateArray())
            {
                JsonSection step = new JsonSection(element, section.FieldPath("profile[" + index + "]"));
                DemandStepSpec spec = new DemandStepSpec { AtS = step.Number("atS", 0, MaximumTimeLimitS) };
                if (spec.AtS <= previousS)
                {
                    throw new ScenarioException(step.FieldPath("atS"), "profile steps must be in strictly increasing time");
                }

                previousS = spec.AtS;
                ReadDemandValue(step, out ma, out density);
                spec.CurrentMA = ma;
                spec.CurrentDensityMAPerCm2 = density;
                step.RejectUnknown();
                demand.Profile.Add(spec);
                index++;
            }
        }

        section.RejectUnknown();
        return demand;
    }

    /// <summary>Exactly one of currentMA (>= 0) and currentDensityMAPerCm2 (>= 0).</summary>
    private static void ReadDemandValue(JsonSection section, out double? currentMA, out double? densityMAPerCm2)
    {
        currentMA = section.OptionalNumber("currentMA", 0, 1000000);
        densityMAPerCm2 = section.OptionalNumber("currentDensityMAPerCm2", 0, 10000);
        if (currentMA.HasValue == densityMAPerCm2.HasValue)
        {
            throw new ScenarioException(section.FieldPath("currentMA"), "give exactly one of currentMA and currentDensityMAPerCm2");
        }
    }

    private static ProtocolSpec ReadProtocol(JsonSection section)
    {
        ProtocolSpec protocol = new ProtocolSpec();
        JsonElement steps = section.Array("steps");
        int index = 0;
        foreach (JsonElement step in steps.EnumerateArray())
        {
            if (step.ValueKind != JsonValueKind.String)
            {
                throw new ScenarioException(section.FieldPath("steps[" + index + "]"), "must be a string such as \"Strip at 1 mA/cm2 for 1 s\", not " + JsonSection.Describe(step.ValueKind));
            }

            protocol.Steps.Add(StepUnitSpelling.Ascii(step.GetString()!));
            index++;
        }

        if (protocol.Steps.Count == 0)
        {
            throw new ScenarioException(section.FieldPath("steps"), "needs at least one step");
        }

        protocol.Repeat = section.Boolean("repeat", protocol.Repeat);
        string rest = section.String("rest", "fixed");
        if (rest != "fixed" && rest != "adaptive")
        {
            throw new ScenarioException(section.FieldPath("rest"), "must be \"fixed\" or \"adaptive\", not \"" + rest + "\"");
        }

        protocol.AdaptiveRest = rest == "adaptive";
        protocol.MinRestS = section.OptionalNumber("minRestS", 0, 86400);
        protocol.MaxRestS = section.OptionalNumber("maxRestS", 0, 86400);
        if (protocol.MinRestS.HasValue && protocol.MaxRestS.HasValue && protocol.MaxRestS < protocol.MinRestS)
        {
            throw new ScenarioException(section.FieldPath("maxRestS"), "must not be below minRestS");
        }

        protocol.CutoffGiven = section.Has("cutoffV");
        protocol.CutoffV = section.Number("cutoffV", 0.01, 3.3, protocol.CutoffV);
        protocol.CapacityLimitMAhPerCm2 = section.Number("capacityLimitMAhPerCm2", 0, 10000, 0);
        section.RejectUnknown();
        return protocol;
    }

    private static ControllerSpec ReadController(JsonSection section)
    {
        ControllerSpec controller = new ControllerSpec();
        string mode = section.String("mode", "act");
        if (mode != "act" && mode != "observe")
        {
            throw new ScenarioException(section.FieldPath("mode"), "must be \"observe\" or \"act\", not \"" + mode + "\"");
        }

        controller.Act = mode == "act";
        controller.PlatingCriticalMAPerCm2 = section.OptionalNumber("platingCriticalMAPerCm2", 0.001, 10);
        controller.SettledSlopeUvPerS = section.OptionalInt("settledSlopeUvPerS", 1, 10000000);
        controller.CusumInfoMv = section.OptionalInt("cusumInfoMv", 1, 100000);
        controller.CusumWarningMv = section.OptionalInt("cusumWarningMv", 1, 100000);
        controller.CusumFaultMv = section.OptionalInt("cusumFaultMv", 1, 100000);
        controller.MinimumPulseS = section.OptionalNumber("minimumPulseS", 0.001, 3600);
        controller.CurrentReductionPercent = section.OptionalInt("currentReductionPercent", 0, 90);
        controller.NominalResistanceOhmCm2 = section.OptionalNumber("nominalResistanceOhmCm2", 1, 1000000);
        section.RejectUnknown();
        return controller;
    }

    private static MeasurementSpec ReadMeasurement(JsonSection section)
    {
        MeasurementSpec m = new MeasurementSpec();
        if (section.Has("board"))
        {
            m.Board = section.String("board");
        }

        // The board chain's own settings: without a board they would be read and change nothing.
        foreach (string boardOnly in new[] { "adcNoiseCounts", "adcVrefMv", "unitCalibrated" })
        {
            if (m.Board == null && section.Has(boardOnly))
            {
                throw new ScenarioException(section.FieldPath(boardOnly), "applies to a board's ADC, and this chain has none: give measurement.board too (\"virtual\" or a board file)");
            }
        }

        m.AdcNoiseCounts = section.Number("adcNoiseCounts", 0, 1000, m.AdcNoiseCounts);
        if (section.Has("adcReadingsPerSample"))
        {
            if (m.Board == null)
            {
                throw new ScenarioException(section.FieldPath("adcReadingsPerSample"), "averages a board's ADC readings: give measurement.board too");
            }

            m.AdcReadingsPerSample = (int)section.Integer("adcReadingsPerSample", 1, Edge.Core.Boards.BoardParser.MaxAdcReadingsPerSample);
        }
        m.VoltageLsbMv = section.Number("voltageLsbMv", 0, 100, m.VoltageLsbMv);
        m.VoltageNoiseMv = section.Number("voltageNoiseMv", 0, 1000, m.VoltageNoiseMv);
        m.CurrentNoiseUa = section.Number("currentNoiseUa", 0, 100000, m.CurrentNoiseUa);
        m.VoltageRailMv = (int)section.Integer("voltageRailMv", 100, 100000, m.VoltageRailMv);
        m.AdcVrefMv = section.OptionalNumber("adcVrefMv", Edge.Core.Boards.Esp32AdcCharacteristics.MinimumVrefMv, Edge.Core.Boards.Esp32AdcCharacteristics.MaximumVrefMv);
        m.UnitCalibrated = section.Boolean("unitCalibrated", m.UnitCalibrated);
        section.RejectUnknown();
        return m;
    }

    private static FaultSpec ReadFault(JsonSection section, PackSpec pack)
    {
        FaultSpec fault = new FaultSpec();
        string kindText = section.String("kind");
        if (!TryParseKind(kindText, out FaultKind kind))
        {
            throw new ScenarioException(section.FieldPath("kind"), "unknown fault kind \"" + kindText + "\" (valid: softShort, hardShort, stuckChannel, saturatedChannel, noiseBurst, tickJitter, brokerOutage, runtimeHang, temperatureRise, currentSensor, muxSelectLine)");
        }

        fault.Kind = kind;
        fault.AtS = section.Number("atS", 0, MaximumTimeLimitS);
        bool needsModule = kind != FaultKind.TickJitter && kind != FaultKind.BrokerOutage && kind != FaultKind.RuntimeHang && kind != FaultKind.TemperatureRise && kind != FaultKind.MuxSelectLine;
        bool needsCell = needsModule && kind != FaultKind.NoiseBurst && kind != FaultKind.CurrentSensor;
        if (needsModule)
        {
            fault.Module = (int)section.Integer("module", 0, pack.Modules - 1);
            fault.Cell = needsCell || section.Has("cell") ? (int)section.Integer("cell", 0, pack.CellsPerModule - 1) : -1;
        }

        switch (kind)
        {
            case FaultKind.SoftShort:
                fault.ResistanceOhmCm2 = section.Number("resistanceOhmCm2", 1e-3, 1e9);
                fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
                fault.OnS = ReadIntermittencyS(section, "onS");
                fault.OffS = ReadIntermittencyS(section, "offS");
                fault.Probability = section.Number("probability", 0, 1, 0);
                if (section.Has("probability") && fault.Probability == 0)
                {
                    // The injector takes 0 for "no probability given", a permanent shunt: the opposite of a chance of 0.
                    throw new ScenarioException(section.FieldPath("probability"), "must be above 0 (up to 1): a shunt with no chance to conduct is no fault; leave probability out for a permanent shunt");
                }

                if ((fault.OnS > 0) != (fault.OffS > 0))
                {
                    throw new ScenarioException(section.FieldPath(fault.OnS > 0 ? "offS" : "onS"), "an intermittent short needs both onS and offS");
                }

                if (fault.OnS > 0 && fault.Probability > 0)
                {
                    throw new ScenarioException(section.FieldPath("probability"), "give either onS/offS or probability, not both");
                }

                break;
            case FaultKind.HardShort:
                break;
            case FaultKind.StuckChannel:
            case FaultKind.SaturatedChannel:
                fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
                break;
            case FaultKind.NoiseBurst:
                fault.NoiseMv = section.Number("noiseMv", 0.001, 10000);
                fault.DurationS = section.Number("durationS", 0.001, MaximumTimeLimitS);
                break;
            case FaultKind.TickJitter:
                fault.JitterMs = (int)section.Integer("jitterMs", 1, 10000);
                fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
                fault.JitterMode = ReadJitterMode(section);
                if (fault.JitterMode == TickJitterMode.NanoFramework)
                {
                    fault.BusyFraction = section.Number("busyFraction", 0, 1, fault.BusyFraction);
                    fault.GcPeriodS = section.Number("gcPeriodS", 0.01, 86400, fault.GcPeriodS);
                    fault.GcPauseMs = (int)section.Integer("gcPauseMs", 0, 10000, fault.GcPauseMs);
                    if (fault.BusyFraction == 0 && fault.GcPauseMs == 0)
                    {
                        // Its only two sources of delay: it would load and delay no tick.
                        throw new ScenarioException(section.FieldPath("busyFraction"), "is 0 and so is gcPauseMs: the jitter would delay no tick; give a busyFraction above 0, a gcPauseMs above 0, or leave the fault out");
                    }
                }

                break;
            case FaultKind.RuntimeHang:
                fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
                break;
            case FaultKind.BrokerOutage:
                fault.DurationS = section.Number("durationS", 0.001, MaximumTimeLimitS);
                break;
            case FaultKind.TemperatureRise:
                if (pack.TemperatureSensors == 0)
                {
                    throw new ScenarioException(section.FieldPath("sensor"), "the pack has no temperature sensor: set pack.temperatureSensors");
                }

                fault.Sensor = (int)section.Integer("sensor", 0, pack.TemperatureSensors - 1, 0);
                fault.RateCPerS = section.Number("rateCPerS", -100, 100);
                if (fault.RateCPerS == 0)
                {
                    throw new ScenarioException(section.FieldPath("rateCPerS"), "must not be 0: a rise of 0 C/s changes no reading; give a rate above 0 (heating) or below 0 (cooling)");
                }

                fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
                break;
            case FaultKind.CurrentSensor:
                ReadCurrentSensor(section, fault);
                break;
            case FaultKind.MuxSelectLine:
                // The board's select line count is known once measurement.board is read: RejectMuxFaultsOffTheBoard.
                // S0-S3: a CD74HC4067 has the most lines, 4.
                fault.SelectLine = (int)section.Integer("line", 0, 3);
                fault.StuckHigh = ReadLevel(section);
                fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
                break;
        }

        section.RejectUnknown();
        return fault;
    }

    /// <summary>
    /// A soft short's onS or offS: above 0 when given. The injector takes 0 for "not intermittent", so a given 0
    /// would load as a permanent shunt, the opposite of what was asked.
    /// </summary>
    private static double ReadIntermittencyS(JsonSection section, string name)
    {
        double value = section.Number(name, 0, 86400, 0);
        if (section.Has(name) && value == 0)
        {
            throw new ScenarioException(section.FieldPath(name), "must be above 0 (up to 86400 s): a shunt that conducts or stays open for no time is not intermittent; leave onS and offS out for a permanent shunt");
        }

        return value;
    }

    private static string CellsText(int cells) => cells == 1 ? "1 cell" : cells.ToString(CultureInfo.InvariantCulture) + " cells";

    private static void LoadBoard(Scenario scenario, string? baseDirectory, IReadOnlyDictionary<string, string>? boardTexts)
    {
        string? name = scenario.Measurement.Board;
        if (name == null)
        {
            return;
        }

        const string Field = "measurement.board";
        Edge.Core.Boards.BoardDefinition board;
        if (name == "virtual")
        {
            board = Edge.HostSim.Measurement.VirtualBoard.Create(scenario.Pack.Modules, scenario.Pack.CellsPerModule, scenario.SamplePeriodMs);
        }
        else
        {
            string path = Path.IsPathRooted(name) || baseDirectory == null ? name : Path.Combine(baseDirectory, name);
            if (boardTexts == null || !boardTexts.TryGetValue(name, out string? text))
            {
                if (Directory.Exists(path))
                {
                    // Reading it said "access denied", which sends the user after permissions.
                    throw new ScenarioException(Field, "'" + path + "' is a folder; give the board file (boards/*.board)");
                }

                try
                {
                    text = File.ReadAllText(path);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new ScenarioException(Field, "cannot read board file '" + path + "': " + e.Message);
                }
            }

            if (!Edge.Core.Boards.BoardParser.TryParse(text, out board, out Edge.Core.Boards.BoardParseError error))
            {
                throw new ScenarioException(Field, "board file '" + path + "': " + error);
            }

            scenario.Measurement.BoardText = text;
        }

        // The layout first, the most basic of what a board and a pack can disagree on: whatever else the scenario says
        // of the board's channels (its sensors, their modules) means nothing on a pack of another shape.
        // What the firmware asks of a board's pack (modules of one size, cells numbered in module order, ...): a board
        // the device would refuse at boot is not simulated.
        if (!Edge.Core.Boards.BoardPackLayout.TryCreate(board, out _, out string layoutProblem))
        {
            throw new ScenarioException(Field, "board '" + board.Name + "': " + layoutProblem);
        }

        int boardCellsPerModule = board.ModuleAt(0).CellCount;
        if (board.ModuleCount != scenario.Pack.Modules || boardCellsPerModule != scenario.Pack.CellsPerModule)
        {
            throw new ScenarioException(Field, string.Format(
                CultureInfo.InvariantCulture,
                "board '{0}' has {1} modules of {2}, the pack {3} modules of {4}: give pack.modules {1} and pack.cellsPerModule {5}",
                board.Name,
                board.ModuleCount,
                CellsText(boardCellsPerModule),
                scenario.Pack.Modules,
                CellsText(scenario.Pack.CellsPerModule),
                boardCellsPerModule));
        }

        if (scenario.Pack.TemperatureSensorModules != null)
        {
            throw new ScenarioException("pack.temperatureSensorModules", "with measurement.board the sensors sit where the board's [temperature N] module keys say");
        }

        int sensors = scenario.Pack.TemperatureSensors;
        if (sensors > 0 && sensors != board.TemperatureCount)
        {
            throw new ScenarioException(
                "pack.temperatureSensors",
                board.TemperatureCount == 0
                    ? sensors + " sensors, but board '" + board.Name + "' has no temperature channel: give 0"
                    : sensors + " sensors, but board '" + board.Name + "' has " + board.TemperatureCount + " temperature channels: give " + board.TemperatureCount + " to read them through the board, or 0 to leave them unread");
        }

        // The board's tick is the device's: its enable timeout and multiplexer settling are worked out for it.
        if (board.SamplePeriodMs != scenario.SamplePeriodMs)
        {
            if (scenario.SamplePeriodGiven)
            {
                throw new ScenarioException("samplePeriodMs", scenario.SamplePeriodMs + " ms, but board '" + board.Name + "' samples every " + board.SamplePeriodMs + " ms (its sample_period_ms, which its enable timeout and multiplexer settling are worked out for): give " + board.SamplePeriodMs + " or leave samplePeriodMs out");
            }

            scenario.SamplePeriodMs = board.SamplePeriodMs;
        }

        scenario.Measurement.BoardDefinition = board;
        ScenarioBoardCells.AdoptBoardArea(scenario);
        if (scenario.Measurement.AdcReadingsPerSample is int readings)
        {
            RejectSamplingLongerThanATick(board, readings);
        }
    }

    /// <summary>
    /// A reading count studied in place of the board's own must fit in its tick as the board file's must (the parser
    /// refuses a board whose sampling outlasts sample_period_ms): the device could not run it.
    /// </summary>
    private static void RejectSamplingLongerThanATick(Edge.Core.Boards.BoardDefinition board, int readingsPerSample)
    {
        int grounds = board.Mux == null ? 0 : board.Mux.GroundInputCount;
        int channels = board.CellCount + board.ModuleCount + board.TemperatureCount + (board.Reference != null ? 1 : 0) + grounds;
        int multiplexed = (board.Reference != null && board.Reference.Input.IsMultiplexed ? 1 : 0) + grounds;
        for (int i = 0; i < board.CellCount; i++)
        {
            multiplexed += board.CellAt(i).Input.IsMultiplexed ? 1 : 0;
        }

        for (int i = 0; i < board.ModuleCount; i++)
        {
            multiplexed += board.ModuleAt(i).CurrentInput.IsMultiplexed ? 1 : 0;
        }

        for (int i = 0; i < board.TemperatureCount; i++)
        {
            multiplexed += board.TemperatureAt(i).Input.IsMultiplexed ? 1 : 0;
        }

        int settleUs = board.Mux != null ? board.Mux.SettleUs : 0;
        long samplingUs = Edge.Core.Boards.BoardSamplingTime.Microseconds(multiplexed, settleUs, channels, readingsPerSample);
        if (samplingUs > board.SamplePeriodMs * 1000L)
        {
            int most = (int)Math.Max(1, ((board.SamplePeriodMs * 1000L) - ((long)multiplexed * settleUs)) / ((long)channels * Edge.Core.Boards.BoardSamplingTime.AdcConversionUs));
            throw new ScenarioException("measurement.adcReadingsPerSample", string.Format(CultureInfo.InvariantCulture,
                "{0} readings a channel take {1} us a tick on board '{2}' ({3} channels x {0} x {4} us + {5} multiplexer inputs x {6} us settling), more than its {7} ms period: the device could not sample them; give at most {8}",
                readingsPerSample, samplingUs, board.Name, channels, Edge.Core.Boards.BoardSamplingTime.AdcConversionUs, multiplexed, settleUs, board.SamplePeriodMs, most));
        }
    }

    private static TickJitterMode ReadJitterMode(JsonSection section)
    {
        string mode = section.String("mode", "uniform");
        if (mode == "uniform")
        {
            return TickJitterMode.Uniform;
        }

        if (mode == "nanoFramework")
        {
            return TickJitterMode.NanoFramework;
        }

        throw new ScenarioException(section.FieldPath("mode"), "unknown tick jitter mode \"" + mode + "\" (valid: uniform, nanoFramework)");
    }

    /// <summary>
    /// A currentSensor fault: its module's reading stuck (at valueUa, default 0), off by offsetUa (not 0: no fault),
    /// reversed, saturated (at its rail high or low) or missing; a field of another mode is refused, as a field of another
    /// kind is.
    /// </summary>
    private static void ReadCurrentSensor(JsonSection section, FaultSpec fault)
    {
        if (section.Has("cell"))
        {
            throw new ScenarioException(section.FieldPath("cell"), "a current sensor belongs to a module, not a cell: leave cell out");
        }

        string mode = section.String("mode");
        fault.DurationS = section.Number("durationS", 0, MaximumTimeLimitS, 0);
        if (mode == "stuck")
        {
            fault.CurrentSensorMode = CurrentSensorMode.Stuck;
            fault.ValueUa = (int)section.Integer("valueUa", -100000000, 100000000, 0);
        }
        else if (mode == "offset")
        {
            fault.CurrentSensorMode = CurrentSensorMode.Offset;
            fault.OffsetUa = (int)section.Integer("offsetUa", -100000000, 100000000);
            if (fault.OffsetUa == 0)
            {
                throw new ScenarioException(section.FieldPath("offsetUa"), "must not be 0: an offset of 0 uA changes no reading");
            }
        }
        else if (mode == "reversed")
        {
            fault.CurrentSensorMode = CurrentSensorMode.Reversed;
        }
        else if (mode == "saturated")
        {
            fault.CurrentSensorMode = CurrentSensorMode.Saturated;
            string rail = section.String("rail");
            if (rail != "high" && rail != "low")
            {
                throw new ScenarioException(section.FieldPath("rail"), "unknown rail \"" + rail + "\" (valid: high, low)");
            }

            fault.RailHigh = rail == "high";
        }
        else if (mode == "missing")
        {
            fault.CurrentSensorMode = CurrentSensorMode.Missing;
        }
        else
        {
            throw new ScenarioException(section.FieldPath("mode"), "unknown current sensor mode \"" + mode + "\" (valid: stuck, offset, reversed, saturated, missing)");
        }
    }

    private static bool TryParseKind(string text, out FaultKind kind)
    {
        foreach (FaultKind candidate in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(ScenarioNames.Camel(candidate.ToString()), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = FaultKind.SoftShort;
        return false;
    }
}
