// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.HostSim.Faults;
using Edge.HostSim.Physics;

namespace Edge.HostSim.Scenarios;

/// <summary>What runs a scenario: the field a warning names may act in one of these and not in another.</summary>
public enum ScenarioUse
{
    /// <summary><c>run</c> without a broker.</summary>
    Run,

    /// <summary><c>run --mqtt</c> or <c>--dashboard</c>: the simulated device has a broker connection.</summary>
    RunWithBroker,

    /// <summary><c>sweep</c>: every rest step replaced by a fixed rest, no trace, no broker.</summary>
    Sweep,

    /// <summary><c>study</c>: each variant as a run, but with no trace and no broker.</summary>
    Study,
}

/// <summary>
/// Fields a scenario gives that have no effect in the configuration it chose: a rest bound under fixed rests, a
/// depletion reaction in observe mode, a capacity limit the run cannot reach, an override equal to the preset. Loading
/// refuses what is malformed; these are well formed and only idle, and scenario families and studies write one field
/// set for every variant, so they are warned of, not refused. Each warning names the field, why it has no effect and
/// what would make it act. The scenario as written: an MQTT command that changes the protocol or mode can make a
/// field act that the warning said would not.
/// </summary>
public static class FieldsWithoutEffect
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A capacity limit is warned of as out of reach only when it lies this far beyond the most the run can strip: the
    /// controller counts the charge it measures, and a board's calibrated current reading may read a little high.
    /// </summary>
    public const double CapacityReachMargin = 1.05;

    /// <summary>The warnings of <paramref name="scenario"/> (loaded and valid) when <paramref name="use"/> runs it; empty when none.</summary>
    public static IReadOnlyList<string> Find(Scenario scenario, ScenarioUse use)
    {
        List<string> warnings = new List<string>();
        ProtocolShape shape = ProtocolShape.Of(scenario);
        ControllerConfiguration configuration = ScenarioCompiler.Compile(scenario);
        RestFields(scenario, use, shape, warnings);
        ControllerFields(scenario, use, shape, warnings);
        CapacityLimit(scenario, shape, configuration, warnings);
        PackFields(scenario, configuration, warnings);
        MeasurementFields(scenario, warnings);
        FaultFields(scenario, use, warnings);
        if ((use == ScenarioUse.Sweep || use == ScenarioUse.Study) && scenario.GivenFields.Contains("trace.periodMs"))
        {
            warnings.Add(use == ScenarioUse.Sweep
                ? "trace.periodMs has no effect: a sweep records no trace (sweep.csv holds each variant's outcome); it acts in run"
                : "trace.periodMs has no effect: a study records no trace (study.csv holds each variant's outcome); it acts in run");
        }

        return warnings;
    }

    private static void RestFields(Scenario s, ScenarioUse use, ProtocolShape shape, List<string> warnings)
    {
        // A sweep gives every variant fixed rests of its own lengths, whatever the scenario's rest setting.
        bool adaptive = s.Protocol.AdaptiveRest && use != ScenarioUse.Sweep;
        string fixedWhy = use == ScenarioUse.Sweep
            ? "the rests are fixed (sweep --rest gives every variant fixed rests of its lengths); the bounds apply in run or study with \"rest\": \"adaptive\""
            : s.GivenFields.Contains("protocol.rest")
                ? "the rests are fixed (\"rest\": \"fixed\"); the bounds apply with \"rest\": \"adaptive\""
                : "the rests are fixed (\"rest\" left out: fixed); the bounds apply with \"rest\": \"adaptive\"";
        foreach ((string field, bool given) in new[] { ("protocol.minRestS", s.Protocol.MinRestS.HasValue), ("protocol.maxRestS", s.Protocol.MaxRestS.HasValue) })
        {
            if (!given)
            {
                continue;
            }

            if (!adaptive)
            {
                warnings.Add(field + " has no effect: " + fixedWhy);
            }
            else if (shape.RestSteps.Count == 0)
            {
                warnings.Add(field + " has no effect: the protocol has no Rest step for it to bound (the rests between strip and plate steps are the controller's own); it applies with a \"Rest\" step");
            }
        }

        if (use != ScenarioUse.Sweep && s.Protocol.AdaptiveRest && shape.RestSteps.Count == 0)
        {
            warnings.Add("protocol.rest has no effect: \"adaptive\" decides when a Rest step ends, and the protocol has none; it applies with a \"Rest\" step");
        }

        if (adaptive)
        {
            foreach (int i in shape.RestSteps.Where(i => shape.Steps[i]!.DurationMs > 0))
            {
                warnings.Add("protocol.steps[" + i + "] (\"" + s.Protocol.Steps[i] + "\"): the length has no effect: the rests are adaptive (\"rest\": \"adaptive\") and end when the cells have relaxed, within protocol.minRestS and maxRestS; write \"Rest\", or \"rest\": \"fixed\" for rests of that length");
            }
        }
    }

    private static void ControllerFields(Scenario s, ScenarioUse use, ProtocolShape shape, List<string> warnings)
    {
        ControllerSpec c = s.Controller;
        const string Observe = "the controller observes (\"mode\": \"observe\"); it acts with \"mode\": \"act\"";
        if (c.MinimumPulseS is double minimumS)
        {
            int first = shape.FirstCurrentStep;
            ProtocolStep? pulse = first >= 0 ? shape.Steps[first] : null;
            if (!c.Act)
            {
                warnings.Add("controller.minimumPulseS has no effect: pulses are shortened in answer to depletion in act mode only, and " + Observe);
            }
            else if (pulse != null && pulse.DurationMs <= 0)
            {
                warnings.Add("controller.minimumPulseS has no effect: the protocol's pulse (\"" + s.Protocol.Steps[first] + "\") runs until a stop condition and has no length to shorten; it applies to a pulse of a given length (\"... for 1 s\")");
            }
            else if (pulse != null && pulse.DurationMs <= (long)Math.Round(minimumS * 1000))
            {
                warnings.Add(string.Format(s_inv, "controller.minimumPulseS has no effect: {0} s is no shorter than the protocol's pulse (\"{1}\"), and no pulse is shortened below it; give less than {2} s", minimumS, s.Protocol.Steps[first], pulse.DurationMs / 1000.0));
            }
        }

        if (c.CurrentReductionPercent.HasValue && !c.Act)
        {
            warnings.Add("controller.currentReductionPercent has no effect: the current is lowered in answer to depletion in act mode only, and " + Observe);
        }

        bool adaptiveRests = s.Protocol.AdaptiveRest && use != ScenarioUse.Sweep && shape.RestSteps.Count > 0;
        if (c.SettledSlopeUvPerS.HasValue && !adaptiveRests && !(shape.Strips && shape.Plates))
        {
            warnings.Add("controller.settledSlopeUvPerS has no effect: it ends adaptive rests and the rests where the current changes direction, and this protocol has neither (no adaptive rest, current in one direction); it applies with \"rest\": \"adaptive\" and a Rest step, or with Strip and Plate steps");
        }

        if (c.PlatingCriticalMAPerCm2.HasValue && !shape.Plates)
        {
            warnings.Add("controller.platingCriticalMAPerCm2 has no effect: it caps the plating current, and the protocol has no Plate step");
        }

        if (s.Protocol.CutoffGiven && !shape.Strips)
        {
            warnings.Add("protocol.cutoffV has no effect: it ends strip pulses, and the protocol has no Strip step");
        }
    }

    /// <summary>
    /// A capacity limit ends a module at a net stripped charge. Out of reach: a protocol that never strips, one that runs
    /// once and strips less in its steps, or a time limit too short at the largest current a module can run at.
    /// </summary>
    private static void CapacityLimit(Scenario s, ProtocolShape shape, ControllerConfiguration configuration, List<string> warnings)
    {
        double limit = s.Protocol.CapacityLimitMAhPerCm2;
        if (limit <= 0)
        {
            return;
        }

        const string Field = "protocol.capacityLimitMAhPerCm2";
        if (!shape.Strips)
        {
            warnings.Add(Field + " has no effect: it ends a module's run at a net stripped charge, and the protocol has no Strip step (plating only lowers it)");
            return;
        }

        // A current sensor fault falsifies the charge the controller counts: no bound holds then.
        if (s.Faults.Any(f => f.Kind == FaultKind.CurrentSensor))
        {
            return;
        }

        double area = s.Pack.AreaCm2;
        int periodMs = s.SamplePeriodMs;
        if (!s.Protocol.Repeat && shape.Steps.All(p => p != null && (!p.IsCurrentStep || p.DurationMs > 0)))
        {
            // A step ends at the first sample at or after its length; act mode only shortens pulses and lowers currents.
            double onePassMAh = 0;
            foreach (ProtocolStep step in shape.Steps.Where(p => p!.Kind == ProtocolStepKind.Strip).Select(p => p!))
            {
                long ms = (step.DurationMs + periodMs - 1) / periodMs * periodMs;
                onePassMAh += step.CurrentUa / 1000.0 * ms / 3600000.0;
            }

            double onePass = onePassMAh / area;
            if (limit > onePass * CapacityReachMargin)
            {
                warnings.Add(string.Format(s_inv, "{0} has no effect: the protocol runs once (\"repeat\": false) and its Strip steps strip at most {1} mAh/cm2, less than the limit of {2}; it applies with \"repeat\": true or a limit below that", Field, ChargeFigure(onePass), limit));
                return;
            }
        }

        // The scheduler may grant a module more than its protocol's current, up to the module's limit.
        bool scheduled = s.Pack.Demand != null;
        double largestUa = scheduled ? configuration.Protection.ModuleMaximumCurrentUa : shape.Steps.Where(p => p!.Kind == ProtocolStepKind.Strip).Max(p => p!.CurrentUa);
        double densityMAPerCm2 = largestUa / 1000.0 / area;
        double reach = densityMAPerCm2 * s.TimeLimitS / 3600.0;
        if (limit > reach * CapacityReachMargin)
        {
            string current = scheduled
                ? string.Format(s_inv, "at the module current limit ({0:0.##} mA/cm2, the most the pack scheduler grants)", densityMAPerCm2)
                : string.Format(s_inv, "at the protocol's largest strip current ({0:0.##} mA/cm2) without a rest", densityMAPerCm2);
            warnings.Add(string.Format(s_inv, "{0} has no effect: in the run's {1} s (timeLimitS) a module strips at most {2} mAh/cm2 even {3}, less than the limit of {4}; it applies with a timeLimitS of at least {5:0} s or a lower limit",
                Field, s.TimeLimitS, ChargeFigure(reach), current, limit, Math.Ceiling(limit / densityMAPerCm2 * 3600.0)));
        }
    }

    /// <summary>
    /// A charge in mAh/cm2 for a warning: five decimals (0.00056), or for a smaller one three significant digits, so
    /// that a very short run's reach reads as what it is (0.001 s at 1 mA/cm2: 0.000000278), not as 0.
    /// </summary>
    private static string ChargeFigure(double mAhPerCm2)
    {
        if (mAhPerCm2 <= 0 || mAhPerCm2 >= 0.00001)
        {
            return mAhPerCm2.ToString("0.#####", s_inv);
        }

        int decimals = 2 - (int)Math.Floor(Math.Log10(mAhPerCm2));
        return mAhPerCm2.ToString("0." + new string('#', decimals), s_inv);
    }

    private static void PackFields(Scenario s, ControllerConfiguration configuration, List<string> warnings)
    {
        CellParameters preset = CellPresets.Get(s.Pack.Preset);
        foreach (KeyValuePair<string, double> o in s.Pack.Overrides)
        {
            if (CellParameterCatalog.Get(preset, o.Key) == o.Value)
            {
                warnings.Add(string.Format(s_inv, "pack.overrides.{0} has no effect: {1} is preset {2}'s own value; give another value to change the cells", o.Key, o.Value, s.Pack.Preset));
            }
        }

        for (int i = 0; i < s.Pack.ModuleOverrides.Count; i++)
        {
            ModuleOverrideSpec m = s.Pack.ModuleOverrides[i];
            string at = "pack.moduleOverrides[" + i + "]";
            bool tauGiven = s.GivenFields.Contains(at + ".tauScale");
            bool iLimGiven = s.GivenFields.Contains(at + ".iLimScale");
            if (!tauGiven && !iLimGiven)
            {
                warnings.Add(at + " has no effect: it gives neither tauScale nor iLimScale, so module " + m.Module + " keeps the preset's cells");
                continue;
            }

            if (tauGiven && m.TauScale == 1)
            {
                warnings.Add(at + ".tauScale has no effect: a scale of 1 leaves module " + m.Module + "'s tauS as the preset's");
            }

            if (iLimGiven && m.ILimScale == 1)
            {
                warnings.Add(at + ".iLimScale has no effect: a scale of 1 leaves module " + m.Module + "'s iLim0 as the preset's");
            }
        }

        DemandSpec? demand = s.Pack.Demand;
        if (demand == null || demand.Profile.Count == 0)
        {
            return;
        }

        PackSchedulingConfiguration scheduling = configuration.Scheduling;
        string baseField = "pack.demand." + (demand.CurrentMA.HasValue ? "currentMA" : "currentDensityMAPerCm2");
        if (scheduling.ProfileStartMs[0] == 0)
        {
            warnings.Add(baseField + " has no effect: pack.demand.profile[0] sets the demand from 0 s, before it is ever in force; give the profile's first step a later atS for it to act");
        }

        int inForceUa = scheduling.DemandUa;
        for (int i = 0; i < scheduling.ProfileDemandUa.Length; i++)
        {
            int ua = scheduling.ProfileDemandUa[i];
            bool previousInForce = i > 0 || scheduling.ProfileStartMs[0] > 0;
            if (previousInForce && ua == inForceUa)
            {
                string before = i == 0 ? baseField : "pack.demand.profile[" + (i - 1) + "]";
                warnings.Add(string.Format(s_inv, "pack.demand.profile[{0}] has no effect: it sets the demand already in force ({1} mA, from {2}); give another demand or leave the step out", i, ua / 1000.0, before));
            }

            inForceUa = ua;
        }
    }

    private static void MeasurementFields(Scenario s, List<string> warnings)
    {
        Edge.Core.Boards.BoardDefinition? board = s.Measurement.BoardDefinition;
        if (board == null)
        {
            return;
        }

        foreach (string field in new[] { "voltageLsbMv", "voltageNoiseMv", "currentNoiseUa", "voltageRailMv" })
        {
            if (s.GivenFields.Contains("measurement." + field))
            {
                warnings.Add("measurement." + field + " has no effect: it sets the simple measurement chain, and the cells are read through board '" + board.Name + "' (measurement.board) instead; measurement.adcNoiseCounts sets the board's noise");
            }
        }

        if (s.Measurement.AdcReadingsPerSample is int readings && readings == board.AdcReadingsPerSample)
        {
            warnings.Add("measurement.adcReadingsPerSample has no effect: board '" + board.Name + "' reads " + readings + " a sample already (its adc_readings_per_sample); give another count to study it");
        }
    }

    private static void FaultFields(Scenario s, ScenarioUse use, List<string> warnings)
    {
        long limitMs = (long)Math.Round(s.TimeLimitS * 1000);
        for (int i = 0; i < s.Faults.Count; i++)
        {
            FaultSpec f = s.Faults[i];
            string at = "faults[" + i.ToString(s_inv) + "]";
            if (f.Kind == FaultKind.BrokerOutage && use != ScenarioUse.RunWithBroker)
            {
                string none = use == ScenarioUse.Run ? "this run has none" : use == ScenarioUse.Sweep ? "a sweep's variants run without one" : "a study's variants run without one";
                warnings.Add(at + " (brokerOutage) has no effect: it drops the device's broker connection, and " + none + "; it applies in run with --mqtt or --dashboard");
            }

            if (f.DurationS > 0 && f.AtMs + FaultSpec.ToMs(f.DurationS) > limitMs)
            {
                warnings.Add(string.Format(s_inv, "{0}.durationS has no effect: the fault would end at {1} s, after the run's end (timeLimitS {2} s), so it lasts to the end; give less than {3} s for it to end, or a longer timeLimitS",
                    at, (f.AtMs + FaultSpec.ToMs(f.DurationS)) / 1000.0, s.TimeLimitS, (limitMs - f.AtMs) / 1000.0));
            }
        }
    }

    /// <summary>The protocol's steps as the core parses them, and what they do.</summary>
    private sealed class ProtocolShape
    {
        public IReadOnlyList<ProtocolStep?> Steps { get; private init; } = Array.Empty<ProtocolStep?>();

        public IReadOnlyList<int> RestSteps { get; private init; } = Array.Empty<int>();

        public int FirstCurrentStep { get; private init; } = -1;

        public bool Strips { get; private init; }

        public bool Plates { get; private init; }

        public static ProtocolShape Of(Scenario s)
        {
            ProtocolStep?[] steps = s.Protocol.Steps
                .Select(text => ProtocolStepParser.TryParse(text, s.Pack.AreaCm2, out ProtocolStep step, out _) ? step : null)
                .ToArray();
            return new ProtocolShape
            {
                Steps = steps,
                RestSteps = Enumerable.Range(0, steps.Length).Where(i => steps[i]?.Kind == ProtocolStepKind.Rest).ToArray(),
                FirstCurrentStep = Array.FindIndex(steps, p => p != null && p.IsCurrentStep),
                Strips = steps.Any(p => p?.Kind == ProtocolStepKind.Strip),
                Plates = steps.Any(p => p?.Kind == ProtocolStepKind.Plate),
            };
        }
    }
}
