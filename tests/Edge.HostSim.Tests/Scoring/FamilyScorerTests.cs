// Licensed under the MIT License.

using Edge.HostSim.Scoring;
using Edge.HostSim.Scoring.Corpus;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Scoring;

/// <summary>
/// The scorecard's metrics on small hand-made outcomes: every expectation below is counted or computed by
/// hand from the events and capacities written in the test.
/// </summary>
public sealed class FamilyScorerTests
{
    private static FamilySpec Family(params string[] variants) => new FamilySpec
    {
        Name = "f",
        Variants = variants.Select(v => new VariantSpec { Name = v }).ToList(),
        WarningHorizonS = 60,
    };

    private static ModuleResult Module(int index, double capacity = 1, double duty = 0.5, string stop = "running", double? stoppedAtS = null) =>
        new ModuleResult { Index = index, CapacityMAhPerCm2 = capacity, DutyCycle = duty, StopReason = stop, StoppedAtS = stoppedAtS };

    private static SimulationEvent Event(double tS, string kind, string severity, string? diagnosis = "x", int module = 0) =>
        new SimulationEvent { TS = tS, Module = module, Cell = 0, Kind = kind, Severity = severity, Diagnosis = diagnosis };

    private static RunOutcome Run(string variant, int draw, bool act, ModuleResult[] modules, params SimulationEvent[] events) =>
        new RunOutcome { Family = "f", Variant = variant, Draw = draw, Act = act, File = variant + draw, Modules = modules, Events = events, SimulatedS = 36000 };

    [Fact]
    public void SummaryQuantilesInterpolateBetweenOrderStatistics()
    {
        Summary s = Summary.Of(new double[] { 4, 1, 3, 2 });

        // Sorted 1 2 3 4: the median sits halfway between 2 and 3; p10 at position 0.3, p90 at 2.7.
        Assert.Equal(1, s.Min);
        Assert.Equal(2.5, s.Median);
        Assert.Equal(1.3, s.P10!.Value, 9);
        Assert.Equal(3.7, s.P90!.Value, 9);
        Assert.Equal(4, s.Max);
        Assert.Null(Summary.Of(Array.Empty<double>()).Median);
    }

    [Fact]
    public void CutOffsCountAsWarnedOnlyWithAWarningWithinTheHorizon()
    {
        RunOutcome[] runs =
        {
            // Warned: the last warning 20 s before the cut-off; its episode (gaps <= 60 s) began at 950 s.
            Run("act", 0, true, new[] { Module(0, stop: "cutoff", stoppedAtS: 1000) },
                Event(500, "depletionOnset", "warning"), Event(950, "depletionOnset", "warning"), Event(980, "depletionOnset", "fault"), Event(990, "depletionOnset", "info")),

            // Silent: the only warning is 100 s before the cut-off, beyond the 60 s horizon.
            Run("observe", 0, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 800) }, Event(700, "depletionOnset", "warning")),

            // Not a cut-off: does not count either way.
            Run("act", 1, true, new[] { Module(0, stop: "capacityLimit", stoppedAtS: 900) }),
        };

        FamilyScore score = FamilyScorer.Score(Family("act", "observe"), runs);

        Assert.Equal(2, score.Depletion.Cutoffs);
        Assert.Equal(1, score.Depletion.WarnedCutoffs);
        Assert.Equal(0.5, score.Depletion.Recall);
        Assert.Equal(1.0, score.Depletion.ActRecall);
        Assert.Equal(0.0, score.Depletion.ObserveRecall);
        Assert.Equal(new[] { 50.0 }, score.Depletion.LeadS.Values);
        Assert.Equal(new[] { "observe0 (module 0)" }, score.Depletion.Silent);
        Assert.Equal(0.5, score.Metrics["depletion.warningRecall"]);
    }

    [Fact]
    public void AWarningExactlyTheHorizonBeforeTheCutOffWarnsItAtLoopTimes()
    {
        // Times as the loop makes them: whole milliseconds over 1000. The README: a warning "at most" 60 s before
        // the cut-off warns it, and an episode's warnings are "no further apart than" 60 s.
        RunOutcome[] runs =
        {
            // Cut-off at 64.01 s, the warning at 4.01 s: exactly 60 s before. Warned, lead 60 s.
            Run("observe", 0, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 64010 / 1000.0) }, Event(4010 / 1000.0, "depletionOnset", "warning")),

            // 1 ms more than the horizon: silent.
            Run("observe", 1, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 64010 / 1000.0) }, Event(4009 / 1000.0, "depletionOnset", "warning")),

            // Warnings at 4.01 and 64.01 s, cut-off at 124.01 s: every step exactly 60 s, one episode from 4.01 s, lead 120 s.
            Run("observe", 2, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 124010 / 1000.0) }, Event(4010 / 1000.0, "depletionOnset", "warning"), Event(64010 / 1000.0, "depletionOnset", "warning")),

            // No warning at all, and a warning on the other module only: both silent.
            Run("observe", 3, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 100) }),
            Run("observe", 4, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 100), Module(1) }, Event(90, "depletionOnset", "warning", module: 1)),
        };

        DepletionScore depletion = FamilyScorer.Score(Family("observe"), runs).Depletion;

        Assert.Equal(5, depletion.Cutoffs);
        Assert.Equal(2, depletion.WarnedCutoffs);
        Assert.Equal(0.4, depletion.Recall!.Value, 9);
        Assert.Equal(2, depletion.LeadS.Count);
        Assert.Equal(60, depletion.LeadS.Min!.Value, 6);
        Assert.Equal(120, depletion.LeadS.Max!.Value, 6);
        Assert.Equal(new[] { "observe1 (module 0)", "observe3 (module 0)", "observe4 (module 0)" }, depletion.Silent);
    }

    [Fact]
    public void AWarningOnTheCutOffsOwnTickDoesNotWarnIt()
    {
        // The README: a warning before a cut-off warns it. One that comes with the cut-off's own sample leaves the
        // controller nothing to act on (the module stops in that tick), so it is no warning, and no lead of 0 s.
        RunOutcome[] runs =
        {
            // The warning with the cut-off at 100 s only: silent.
            Run("observe", 0, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 100) }, Event(100, "depletionOnset", "warning")),

            // One sample (10 ms) before it: warned, lead 0.01 s.
            Run("observe", 1, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 100) }, Event(99.99, "depletionOnset", "warning")),

            // An episode from 70 s whose last warning comes with the cut-off: warned by the one at 70 s, lead 30 s.
            Run("observe", 2, false, new[] { Module(0, stop: "cutoff", stoppedAtS: 100) }, Event(70, "depletionOnset", "warning"), Event(100, "depletionOnset", "fault")),
        };

        DepletionScore depletion = FamilyScorer.Score(Family("observe"), runs).Depletion;

        Assert.Equal(3, depletion.Cutoffs);
        Assert.Equal(2, depletion.WarnedCutoffs);
        Assert.Equal(new[] { "observe0 (module 0)" }, depletion.Silent);
        Assert.Equal(0.01, depletion.LeadS.Min!.Value, 6);
        Assert.Equal(30, depletion.LeadS.Max!.Value, 6);
    }

    [Fact]
    public void SoftBeforeHardAndIsolationBeforeHardCountPerModule()
    {
        RunOutcome[] runs =
        {
            Run("observe", 0, false, new[] { Module(0) }, Event(100, "softShort", "warning"), Event(160, "hardShort", "fault")),
            Run("observe", 1, false, new[] { Module(0) }, Event(50, "hardShort", "fault")),
            Run("act", 0, true, new[] { Module(0) }, Event(90, "softShort", "warning"), Event(120, "softShort", "fault")),
            Run("act", 1, true, new[] { Module(0) }, Event(10, "softShort", "warning"), Event(30, "hardShort", "fault")),
            Run("act", 2, true, new[] { Module(0) }),
        };

        ShortScore shorts = FamilyScorer.Score(Family("observe", "act"), runs).Shorts;

        // Hard shorts in observe 0, observe 1 and act 1; warned before in observe 0 and act 1.
        Assert.Equal(3, shorts.HardShorts);
        Assert.Equal(2, shorts.SoftBeforeHard);
        Assert.Equal(2.0 / 3, shorts.SoftBeforeHardRate!.Value, 9);
        Assert.Equal(new[] { 20.0, 60.0 }, shorts.SoftLeadS.Values);

        // Act: run 0 isolated (confirmed soft short, no hard short), run 1 shorted first, run 2 had neither.
        Assert.Equal(1, shorts.ActIsolatedBeforeHard);
        Assert.Equal(1, shorts.ActHardFirst);
        Assert.Equal(0.5, shorts.ActIsolationBeforeHardRate);
    }

    [Fact]
    public void TheCellsOwnShortCountsWhereTheControllerMissedOrPreemptedIt()
    {
        static ModuleResult Shorted(double? cellS) => new ModuleResult { Index = 0, StopReason = "fault", CellHardShortS = cellS };
        static RunOutcome Simulated(string variant, int draw, bool act, double? cellS, params SimulationEvent[] events) =>
            new RunOutcome { Family = "f", Variant = variant, Draw = draw, Act = act, File = variant + draw, Modules = new[] { Shorted(cellS) }, Events = events, SimulatedS = 36000, CellGroundTruth = true };

        RunOutcome[] runs =
        {
            // The cell shorted at 200 s and the controller never said so: a hard short without a warning.
            Simulated("observe", 0, false, 200),

            // The controller read a deep spike as a hard short at 150 s; the cell never latched one. The report is the
            // hard short (the voltage collapsed), warned 50 s before; the module is listed as reported without a cell short.
            Simulated("observe", 1, false, null, Event(100, "softShort", "warning"), Event(150, "hardShort", "fault")),

            // The cell shorted at 300 s, the controller reported it 0.02 s later; warned at 250 s.
            Simulated("observe", 2, false, 300, Event(250, "softShort", "warning"), Event(300.02, "hardShort", "fault")),

            // Act: isolated at 280 s, before the cell's own short at 290 s (a late isolation that did not prevent it
            // is impossible in the loop, but the rule is the time order).
            Simulated("act", 0, true, 290, Event(260, "softShort", "warning"), Event(280, "softShort", "fault")),

            // Act: the cell shorted at 100 s, the isolation came after.
            Simulated("act", 1, true, 100, Event(90, "softShort", "warning"), Event(120, "softShort", "fault")),
        };

        ShortScore shorts = FamilyScorer.Score(Family("observe", "act"), runs).Shorts;

        Assert.Equal(5, shorts.HardShorts);
        Assert.Equal(4, shorts.SoftBeforeHard);
        Assert.Equal(new[] { "observe0 (module 0)" }, shorts.Unwarned);
        Assert.Equal(new[] { "observe1 (module 0)" }, shorts.ReportedWithoutCellShort);
        Assert.Equal(new[] { 10.0, 30.0, 50.0, 50.0 }, shorts.SoftLeadS.Values.OrderBy(v => v).Select(v => Math.Round(v, 6)));
        Assert.Equal(1, shorts.ActIsolatedBeforeHard);
        Assert.Equal(1, shorts.ActHardFirst);
    }

    [Fact]
    public void FalseAlarmsAreDiagnosisWarningsAndFaultsPerThousandCellHours()
    {
        FamilySpec healthy = new FamilySpec { Name = "f", Variants = new[] { new VariantSpec { Name = "run" } }, Healthy = true };
        RunOutcome[] runs =
        {
            // 2 modules x 4 cells running the whole 10 h: 80 cell-hours. One alarm; info and protocol events are not.
            new RunOutcome
            {
                Family = "f", Variant = "run", Draw = 0, CellsPerModule = 4, SimulatedS = 36000,
                Modules = new[] { Module(0), Module(1) },
                Events = new[] { Event(5, "softShort", "warning", "softShortResistanceDrop"), Event(6, "depletionOnset", "info", "depletionTrendInfo"), Event(7, "cutoff", "info", null) },
            },

            // 1 module x 4 cells stopped after 5 h: 20 cell-hours, one alarm.
            new RunOutcome
            {
                Family = "f", Variant = "run", Draw = 1, CellsPerModule = 4, SimulatedS = 36000,
                Modules = new[] { Module(0, stop: "fault", stoppedAtS: 18000) },
                Events = new[] { Event(18000, "hardShort", "fault", "hardShort") },
            },
        };

        FalseAlarmScore alarms = FamilyScorer.Score(healthy, runs).FalseAlarms!;

        Assert.Equal(2, alarms.Alarms);
        Assert.Equal(100, alarms.CellHours, 9);
        Assert.Equal(20, alarms.Per1000CellHours!.Value, 9);
        Assert.Equal(1, alarms.ByDiagnosis["softShortResistanceDrop"]);
        Assert.Equal(1, alarms.ByDiagnosis["hardShort"]);
    }

    [Fact]
    public void CapacityRatiosPairTheVariantsOfEachDraw()
    {
        FamilySpec family = new FamilySpec
        {
            Name = "f",
            Variants = new[] { new VariantSpec { Name = "act" }, new VariantSpec { Name = "observe" } },
            Ratios = new[] { new RatioSpec { Numerator = "act", Denominator = "observe" } },
        };
        RunOutcome[] runs =
        {
            Run("act", 0, true, new[] { Module(0, capacity: 30) }),
            Run("observe", 0, false, new[] { Module(0, capacity: 10) }),

            // Two modules: their mean capacity, 12 against 10.
            Run("act", 1, true, new[] { Module(0, capacity: 14), Module(1, capacity: 10) }),
            Run("observe", 1, false, new[] { Module(0, capacity: 10), Module(1, capacity: 10) }),

            // Nothing to divide by: left out.
            Run("act", 2, true, new[] { Module(0, capacity: 20) }),
            Run("observe", 2, false, new[] { Module(0, capacity: 0) }),
        };

        RatioScore ratio = Assert.Single(FamilyScorer.Score(family, runs).Ratios);

        Assert.Equal("act/observe", ratio.Name);
        Assert.Equal(new[] { 1.2, 3.0 }, ratio.Ratio.Values.Select(v => Math.Round(v, 9)));
        Assert.Equal(2.1, ratio.Ratio.Median!.Value, 9);
    }

    [Fact]
    public void ParetoComparisonFlagsDrawsWhereAFixedRestIsAtLeastAsGoodOnBothAxes()
    {
        FamilySpec family = new FamilySpec
        {
            Name = "f",
            Variants = new[] { "adaptive", "fixed-5s", "fixed-10s" }.Select(v => new VariantSpec { Name = v }).ToList(),
            Pareto = new[] { new ParetoSpec { Candidate = "adaptive", References = new[] { "fixed-5s", "fixed-10s" } } },
        };
        RunOutcome[] runs =
        {
            // Draw 0: more duty than both fixed rests, less capacity: not dominated.
            Run("adaptive", 0, false, new[] { Module(0, capacity: 10, duty: 0.2) }),
            Run("fixed-5s", 0, false, new[] { Module(0, capacity: 11, duty: 0.17) }),
            Run("fixed-10s", 0, false, new[] { Module(0, capacity: 12, duty: 0.09) }),

            // Draw 1: fixed 5 s has more capacity at more duty: dominated.
            Run("adaptive", 1, false, new[] { Module(0, capacity: 9, duty: 0.15) }),
            Run("fixed-5s", 1, false, new[] { Module(0, capacity: 11, duty: 0.17) }),
            Run("fixed-10s", 1, false, new[] { Module(0, capacity: 12, duty: 0.09) }),
        };

        ParetoScore pareto = Assert.Single(FamilyScorer.Score(family, runs).Pareto);

        Assert.Equal(2, pareto.Draws);
        Assert.Equal(1, pareto.DominatedDraws);
        Assert.Equal(new[] { false, true }, pareto.Points.Select(p => p.Dominated));
        Assert.Equal(0.75, pareto.BestReferenceCapacityRatio.Min!.Value, 9);
        Assert.Equal(10.0 / 12, pareto.BestReferenceCapacityRatio.Max!.Value, 9);
        ParetoReferenceScore five = pareto.References.Single(r => r.Reference == "fixed-5s");
        Assert.Equal(9.0 / 11, five.CapacityRatio.Min!.Value, 9);
        Assert.Equal(0.2 / 0.17, five.DutyRatio.Max!.Value, 9);
    }

    [Fact]
    public void EqualPointsDoNotDominateEachOther()
    {
        Assert.False(FamilyScorer.Dominates(10, 0.2, 10, 0.2));
        Assert.True(FamilyScorer.Dominates(10, 0.21, 10, 0.2));
        Assert.False(FamilyScorer.Dominates(11, 0.19, 10, 0.2));

        // Duties 0.000001 apart are the same duty: the larger capacity dominates (the study's rule).
        Assert.True(FamilyScorer.Dominates(15.94, 0.333334, 13.93, 0.333335));
    }

    [Fact]
    public void TargetsPassFailHaveNoDataOrNameAnUnknownMetric()
    {
        FamilySpec family = new FamilySpec
        {
            Name = "f",
            Variants = new[] { new VariantSpec { Name = "run" } },
            Targets = new[]
            {
                new TargetSpec { Metric = "variant.run.capacity.min", Minimum = 5 },
                new TargetSpec { Metric = "variant.run.duty.max", Maximum = 0.4 },
                new TargetSpec { Metric = "depletion.warningRecall", Minimum = 1 },
                new TargetSpec { Metric = "variant.run.capacity.minn", Minimum = 1 },
            },
        };
        RunOutcome[] runs = { Run("run", 0, false, new[] { Module(0, capacity: 6, duty: 0.5) }) };

        FamilyScore score = FamilyScorer.Score(family, runs);

        Assert.Equal(new[] { TargetResult.Passed, TargetResult.Failed, TargetResult.NoData, TargetResult.Unknown }, score.Targets.Select(t => t.Status));
        Assert.False(score.TargetsMet);
    }

    [Fact]
    public void AnAlarmKindThatNeverCameCountsZeroSoANoAlarmTargetCanPass()
    {
        // One run with a hard-short fault and nothing else: "no soft-short alarm" passes, "no hard-short alarm" fails.
        FamilySpec family = new FamilySpec
        {
            Name = "f",
            Variants = new[] { new VariantSpec { Name = "run" } },
            Targets = new[]
            {
                new TargetSpec { Metric = "variant.run.alarms.softShort", Maximum = 0 },
                new TargetSpec { Metric = "variant.run.alarms.hardShort", Maximum = 0 },
            },
        };
        RunOutcome run = Run("run", 0, false, new[] { Module(0) });
        run = new RunOutcome
        {
            Family = run.Family, Variant = run.Variant, Draw = run.Draw, CellsPerModule = run.CellsPerModule, SimulatedS = run.SimulatedS,
            Modules = run.Modules, Events = new[] { Event(5, "hardShort", "fault", "hardShort") },
        };

        FamilyScore score = FamilyScorer.Score(family, new[] { run });

        Assert.Equal(0, score.Metrics["variant.run.alarms.softShort"]);
        Assert.Equal(1, score.Metrics["variant.run.alarms.hardShort"]);
        Assert.Equal(new[] { TargetResult.Passed, TargetResult.Failed }, score.Targets.Select(t => t.Status));
    }

    [Fact]
    public void TheLeadTimeCurveDropsAtEachLeadAndHoldsTheShareBeyondIt()
    {
        // Leads 0.01, 0.05 and 414 s: all three were warned at least 0.01 s early, two at least 0.05 s, one 414 s.
        // Between 0.01 and 0.05 s the curve stands at 2/3, not 1.
        (double[] x, double[] y) = ScorePlot.SurvivalSteps(new[] { 0.01, 0.05, 414.0 });

        Assert.Equal(new[] { 0.01, 0.01, 0.05, 0.05, 414.0, 414.0 }, x);
        Assert.Equal(new[] { 1.0, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 0.0 }, y);
    }
}
