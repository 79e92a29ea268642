// Licensed under the MIT License.

using System.Globalization;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A seed paper's cycler programme as scenario JSON, run through the whole closed loop (physics, measurement chain
/// with noise, the control core in observe mode with fixed rests), with the measured voltage of every step of
/// constant current kept by a <see cref="MeasuredStepRecorder"/>. Settings the calibration tests vary are
/// properties; everything else is the seed set-up: the [W] 7 mm O-ring area, 2 mV noise, seed 1.
/// </summary>
internal sealed class SeedProtocol
{
    public const double AreaCm2 = 0.3848;

    public SeedProtocol(string preset, IEnumerable<string> steps)
    {
        Preset = preset;
        Steps = steps.ToList();
    }

    /// <summary>A copy of <paramref name="other"/> whose init-only settings can be changed with a <c>with</c>-like initializer.</summary>
    public SeedProtocol(SeedProtocol other)
        : this(other.Preset, other.Steps)
    {
        SamplePeriodMs = other.SamplePeriodMs;
        Repeat = other.Repeat;
        CutoffV = other.CutoffV;
        CapacityLimitMAhPerCm2 = other.CapacityLimitMAhPerCm2;
        PlatingCriticalMAPerCm2 = other.PlatingCriticalMAPerCm2;
        TimeLimitS = other.TimeLimitS;
        HeadSamples = other.HeadSamples;
        TailSamples = other.TailSamples;
    }

    public string Preset { get; }

    public List<string> Steps { get; }

    /// <summary>The core's tick, ms: long programmes run at coarser ticks where the assertion allows.</summary>
    public int SamplePeriodMs { get; init; } = 10;

    /// <summary>True: the steps repeat until a stop condition (pulse protocols); false: they run once.</summary>
    public bool Repeat { get; init; }

    public double CutoffV { get; init; } = 3.0;

    /// <summary>Net stripped capacity that ends the run, mAh/cm2; 0 = none.</summary>
    public double CapacityLimitMAhPerCm2 { get; init; }

    /// <summary>Raises the core's plating cap (default 0.4 mA/cm2) so that a seed's plating current is applied as written.</summary>
    public double? PlatingCriticalMAPerCm2 { get; init; }

    public double TimeLimitS { get; init; } = 2_000_000;

    /// <summary>Samples averaged at the start and at the end of each step.</summary>
    public int HeadSamples { get; init; } = 5;

    public int TailSamples { get; init; } = 100;

    public Scenario ToScenario()
    {
        string stepList = string.Join(", ", Steps.Select(step => "\"" + step + "\""));
        string plating = PlatingCriticalMAPerCm2.HasValue ? ", \"platingCriticalMAPerCm2\": " + Number(PlatingCriticalMAPerCm2.Value) : string.Empty;
        string capacity = CapacityLimitMAhPerCm2 > 0 ? ", \"capacityLimitMAhPerCm2\": " + Number(CapacityLimitMAhPerCm2) : string.Empty;
        return ScenarioLoader.Parse($$"""
            { "name": "seed-protocol", "seed": 1, "samplePeriodMs": {{SamplePeriodMs}}, "timeLimitS": {{Number(TimeLimitS)}},
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "{{Preset}}", "areaCm2": {{Number(AreaCm2)}} },
              "protocol": { "steps": [ {{stepList}} ], "repeat": {{(Repeat ? "true" : "false")}}, "rest": "fixed", "cutoffV": {{Number(CutoffV)}}{{capacity}} },
              "controller": { "mode": "observe"{{plating}} } }
            """);
    }

    /// <summary>Runs the programme; the measured steps are those of module 0, cell 0.</summary>
    public SeedProtocolResult Run()
    {
        var recorder = new MeasuredStepRecorder(HeadSamples, TailSamples);
        SimulationResult result = new ClosedLoopRunner(ToScenario(), new RunOptions { RecordTrace = false, MaximumEvents = 10_000, Observer = recorder.Observe }).Run();
        recorder.Finish();
        return new SeedProtocolResult(result, recorder.Steps);
    }

    /// <summary>Runs several programmes in parallel over the cores; results keep the input order.</summary>
    public static SeedProtocolResult[] RunAll(IReadOnlyList<SeedProtocol> protocols)
    {
        var results = new SeedProtocolResult[protocols.Count];
        Parallel.For(0, protocols.Count, i => results[i] = protocols[i].Run());
        return results;
    }

    /// <summary>"Strip at 0.25 mA/cm2 for 40 s" (kind "Strip" or "Plate"), numbers invariant.</summary>
    public static string CurrentStep(string kind, double currentMAPerCm2, double durationS) =>
        kind + " at " + Number(currentMAPerCm2) + " mA/cm2 for " + Number(durationS) + " s";

    /// <summary>The [W] pulse protocol at 1 mA/cm2: 1 s pulses and the given rest (0 = continuous current).</summary>
    public static SeedProtocol Pulses(double restS, int samplePeriodMs, double capacityLimitMAhPerCm2 = 40)
    {
        string[] steps = restS > 0
            ? new[] { "Strip at 1 mA/cm2 for 1 s", "Rest for " + Number(restS * 1000) + " ms" }
            : new[] { "Strip at 1 mA/cm2" };
        return new SeedProtocol("nak50-nasicon", steps)
        {
            SamplePeriodMs = samplePeriodMs,
            Repeat = true,
            CapacityLimitMAhPerCm2 = capacityLimitMAhPerCm2,
            HeadSamples = 1,
            TailSamples = 1,
        };
    }

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>The closed-loop result of a <see cref="SeedProtocol"/> and its measured steps (module 0, cell 0).</summary>
internal sealed record SeedProtocolResult(SimulationResult Result, IReadOnlyList<MeasuredStep> Steps)
{
    public ModuleResult Module => Result.Modules[0];

    /// <summary>Time of the 3 V (or the programme's) cut-off event; null if there was none.</summary>
    public double? CutoffS => Result.Events.FirstOrDefault(e => e.Kind == "cutoff")?.TS;

    public IEnumerable<MeasuredStep> Stripping => Steps.Where(s => s.CurrentUa > 0);

    public IEnumerable<MeasuredStep> Plating => Steps.Where(s => s.CurrentUa < 0);

    /// <summary>
    /// End-of-pulse voltage 60 s before the cut-off over its median across the first half of the run: above 1 when
    /// the pulses' resistance grows gradually before the run fails, about 1 when it fails out of the blue.
    /// </summary>
    public double PrecursorRatio(double leadS = 60)
    {
        double cutoffS = CutoffS ?? throw new InvalidOperationException("The run ended without a cut-off.");
        MeasuredStep[] pulses = Stripping.ToArray();
        double[] firstHalf = pulses.Where(p => p.EndS <= cutoffS / 2).Select(p => p.EndVoltageMv).OrderBy(v => v).ToArray();
        MeasuredStep before = pulses.Last(p => p.EndS <= cutoffS - leadS);
        return before.EndVoltageMv / firstHalf[firstHalf.Length / 2];
    }
}
