using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis;

/// <summary>
/// Diagnosis at the edges of its inputs: electrodes large enough that a cell is below one ohm, pulses long enough to
/// move more than 2.1e9 uC, a strip/plate reversal, the boundary between two pulses. Every expectation is computed by
/// hand from the domain (150 ohm cm2 nominal area resistance, cell-model.md) or the product rule, never taken from
/// the code under test.
/// </summary>
public class LargeElectrodeAndPulseBoundaryTests
{
    /// <summary>
    /// A legal large-format configuration: 1000 cm2 electrodes (the validator allows up to 10000 cm2) and a 2 A module
    /// limit (it allows up to 100 A). Nominal cell resistance 150 ohm cm2 / 1000 cm2 = 0.15 ohm.
    /// </summary>
    private static ControllerConfiguration LargeAreaConfiguration()
    {
        var configuration = new ControllerConfiguration();
        configuration.Protocol.ElectrodeAreaCm2 = 1000.0;
        configuration.Protection.ModuleMaximumCurrentUa = 2_000_000;
        return configuration;
    }

    // Finding 1 (high, safety). Hard short by collapse is never detected once the nominal cell resistance is below 1 ohm.
    // Correct behaviour: 1 A (1 mA/cm2 over 1000 cm2) through a cell of 150 ohm cm2 / 1000 cm2 = 0.15 ohm must show
    // 150 mV of polarisation, far above the 25 mV the detector needs; a cell reading 0 mV under that current is a hard
    // short ([W] "voltage to near 0 V") and must set HardShort and isolate the module in this very tick (table: debounce
    // 1, "the switch opens in the tick that shows it"). HardShortDetector truncates 150 / 1000.0 = 0.15 ohm to a long
    // (0 ohm), so the expected polarisation is 0 mV and the collapse test never applies for any area above 150 cm2.
    [Fact]
    public void HardShortCollapseIsCaughtOnALargeElectrodeBelowOneOhm()
    {
        var layout = new PackLayout(1, 2, 1);
        ControllerConfiguration configuration = LargeAreaConfiguration();
        Assert.Null(ConfigurationValidator.Validate(configuration, layout));

        var rig = new SnapshotRig(layout, configuration);
        var detector = new HardShortDetector(configuration, layout);
        rig.Begin(0);
        rig.SetCurrent(0, ModulePhase.Current, 1_000_000);
        rig.Snapshot.PhaseSampleCount[0] = 10;
        rig.SetCells(0, 150, 0); // cell 0 healthy (150 mV = 1 A x 0.15 ohm), cell 1 collapsed to 0 mV
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.HardShort, 1), "0 mV under 1 A where 150 mV is expected: hard short not set");
        Assert.True(rig.Diagnosis.Requests.Isolate[0], "hard short did not isolate the module in the tick that showed it");
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
    }

    // Finding 2 (medium, safety). The stuck-channel check is switched off for the same truncation in PlausibilityMonitor.
    // Correct behaviour: a 1 A edge through a 0.15 ohm cell must move its reading by 150 mV (>= 4 x the 2 mV minimum, so
    // the check applies); a channel that shows no response on three edges is stuck and must latch (CellChannelStuck,
    // debounce 3) - a frozen reading hides over/undervoltage and hard shorts. The monitor computes 0 ohm, predicts 0 mV
    // and returns before judging any cell.
    [Fact]
    public void StuckCellChannelIsJudgedOnALargeElectrodeBelowOneOhm()
    {
        var layout = new PackLayout(1, 2, 1);
        ControllerConfiguration configuration = LargeAreaConfiguration();
        Assert.Null(ConfigurationValidator.Validate(configuration, layout));

        var rig = new SnapshotRig(layout, configuration);
        var monitor = new PlausibilityMonitor(configuration, layout);
        rig.SetCells(0, 150, 150);
        for (int i = 0; i < 3; i++)
        {
            rig.Begin(i * 10, 10);
            rig.Frame.TickIndex = i;
            rig.SetCurrent(0, ModulePhase.Current, 1_000_000);
            rig.Snapshot.EdgeMeasured[0] = true;
            rig.Snapshot.EdgeCurrentUa[0] = 1_000_000;
            rig.Snapshot.EdgeResistanceMilliohm[0] = 150; // answers 150 mOhm x 1 A = 150 mV
            rig.Snapshot.EdgeResistanceMilliohm[1] = 0;   // no response at all
            monitor.Evaluate(rig.Frame, rig.Snapshot, rig.Diagnosis);
            rig.End();
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.CellChannelStuck, 0));
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.CellChannelStuck, 1), "a cell silent on three 1 A edges (150 mV expected) was not found stuck");
        Assert.True(rig.Diagnosis.HasLatchedFault(0));
    }

    // Finding 3 (medium, availability of the soft-short ladder; also masks real drops). LastPulseChargeUc is an int:
    // a long stripping pulse wraps it negative. Correct behaviour: 250 mA (0.25 mA/cm2 over 1000 cm2, the [W]
    // continuous rate that strips 20 mAh/cm2) for 24 x 400 s = 9600 s carries 250000 uA x 9600000 ms = 2.4e9 uC, positive;
    // stripping exactly what the plate phase before it deposited (3 x 8 x 400 s at -250 mA = 2.4e9 uC) is 100 %
    // coulombic efficiency, above the 85 % limit, so SoftShortEfficiencyDrop must stay clear. The (int) cast in
    // PackMeasurement.EndPulse turns 2.4e9 uC into -1.89e9 uC, the efficiency reads -78 % and the warning sets on a
    // healthy module when the stripping reaches the cut-off (it would equally hide a real drop at other charges).
    [Fact]
    public void LongStrippingPulseChargeDoesNotOverflowIntoAFalseEfficiencyDrop()
    {
        var layout = new PackLayout(1, 1, 0);
        ControllerConfiguration configuration = LargeAreaConfiguration();
        var snapshot = new MeasurementSnapshot(layout);
        var measurement = new PackMeasurement(layout, configuration);
        var telemetry = new TelemetryBuffer(64, 1);
        var diagnosis = new DiagnosisManager(configuration.Diagnosis, layout, telemetry);
        var softShort = new SoftShortDetector(configuration, layout);
        var frame = new SampleFrame(layout);
        var closed = new bool[1];
        var setpoint = new int[1];
        long now = 0;
        long lastStripChargeUc = 0;
        const int CurrentUa = 250_000;

        void Step(int currentUa, bool atCutoff = false)
        {
            // currentUa: what flowed during the 400 s this sample ends (0: switch open).
            closed[0] = currentUa != 0;
            setpoint[0] = currentUa;
            now += 400_000;
            frame.TimestampMs = now;
            frame.TickIndex++;
            frame.CellVoltageMv[0] = atCutoff ? configuration.Protocol.StripCutoffMv : currentUa > 0 ? 38 : (currentUa < 0 ? -38 : 0); // 0.25 mA/cm2 x 150 ohm cm2
            frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            frame.ModuleCurrentUa[0] = currentUa;
            frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            telemetry.Clear();
            diagnosis.BeginTick(now, configuration.Mode);
            measurement.Update(frame, closed, setpoint, snapshot);
            softShort.Evaluate(snapshot, diagnosis);
            if (snapshot.PulseEnded[0] && snapshot.LastPulseCurrentUa[0] > 0)
            {
                lastStripChargeUc = snapshot.LastPulseChargeUc[0];
            }
        }

        void Pulse(int currentUa, int ticks, bool toCutoff = false)
        {
            for (int i = 0; i < ticks; i++)
            {
                Step(currentUa, toCutoff && i == ticks - 1);
            }

            Step(0); // the rest sample that ends the pulse
        }

        // The efficiency is judged where a stripping runs the plated metal out: the second strip pulse reaches the
        // cut-off on its last sample, having stripped (2 x 2.4e9 uC) what the two plate phases deposited.
        Step(0);
        Step(0);
        for (int cycle = 0; cycle < 2; cycle++)
        {
            Pulse(-CurrentUa, 8);
            Pulse(-CurrentUa, 8);
            Pulse(-CurrentUa, 8);
            Pulse(CurrentUa, 24, toCutoff: cycle == 1);
        }

        Pulse(-CurrentUa, 8);

        Assert.False(
            diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, 0),
            $"100 % coulombic efficiency reported as a drop; the strip pulse's charge read {lastStripChargeUc} uC instead of 2400000000 uC");
    }

    // Finding 4 (medium-low, availability: a healthy pulse aborted). A strip/plate reversal (switch stays closed) is
    // judged by the run-away test as an in-pulse climb. Correct behaviour: a current edge moves the voltage by design
    // (the soft-short detector clears its spikes and waits EdgeSettleSamples after start, end AND reversal); the swing
    // through zero at a reversal is no evidence that the interface runs dry, and a normal pulse start skips its first
    // sample for exactly that reason. Here a healthy cell: +12 mV noise on the last stripping sample, the -300 mV reversal
    // swing, then the plating polarisation settling 25 mV further. DepletionOnsetDetector (PhaseStarted is false on a
    // reversal) reports the 300 mV swing as a run-away (the noise sample counts as the climb before it) and the settling
    // sample as the second one: DepletionNonlinearRise sets and asks to abort the pulse. The same settling after a
    // normal pulse start sets nothing.
    [Fact]
    public void ReversalSwingIsNotTakenForADepletionRunaway()
    {
        // Control: the same 25 mV settling after a plating pulse that starts from rest sets nothing.
        {
            var rig = new SnapshotRig();
            var detector = new DepletionOnsetDetector(rig.Configuration, rig.Layout);
            rig.SetCells(0, 0, 0);
            rig.SetCurrent(0, ModulePhase.Open, 0);
            rig.Snapshot.LastPulseCurrentUa[0] = 385;
            Depletion(rig, detector, 0, r => { r.Snapshot.PhaseSampleCount[0] = 50; });
            Depletion(rig, detector, 10, r =>
            {
                r.SetCurrent(0, ModulePhase.Current, -385);
                r.Snapshot.PhaseStarted[0] = true;
                r.Snapshot.PhaseSampleCount[0] = 1;
                SetCellsWithDeltas(r, -150, -150, -150, -150);
            });
            Depletion(rig, detector, 20, r =>
            {
                r.Snapshot.PhaseSampleCount[0] = 2;
                SetCellsWithDeltas(r, -175, -150, -25, 0);
            });
            Depletion(rig, detector, 30, r =>
            {
                r.Snapshot.PhaseSampleCount[0] = 3;
                SetCellsWithDeltas(r, -176, -150, -1, 0);
            });
            Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0));
        }

        // The reversal: strip at +385 uA straight into plate at -385 uA.
        {
            var rig = new SnapshotRig();
            var detector = new DepletionOnsetDetector(rig.Configuration, rig.Layout);
            rig.SetCurrent(0, ModulePhase.Current, 385);
            rig.SetCells(0, 150, 150);
            Depletion(rig, detector, 0, r => { r.Snapshot.PhaseSampleCount[0] = 50; });
            Depletion(rig, detector, 10, r =>
            {
                r.Snapshot.PhaseSampleCount[0] = 51;
                SetCellsWithDeltas(r, 162, 150, 12, 0); // one noisy sample, 12 mV up
            });
            Depletion(rig, detector, 20, r =>
            {
                // Reversal: the pulse ends and the plating pulse begins in the same tick (PhaseStarted false).
                r.SetCurrent(0, ModulePhase.Current, -385);
                r.Snapshot.PhaseSampleCount[0] = 1;
                r.Snapshot.PulseEnded[0] = true;
                r.Snapshot.EdgeMeasured[0] = true;
                r.Snapshot.EdgeCurrentUa[0] = 770;
                r.Snapshot.LastPulseCurrentUa[0] = 385;
                r.Snapshot.EdgeResistanceMilliohm[0] = 389000;
                r.Snapshot.EdgeResistanceMilliohm[1] = 389000;
                r.Snapshot.PulseOverpotentialMv[0] = 150;
                r.Snapshot.PulseOverpotentialMv[1] = 150;
                SetCellsWithDeltas(r, -138, -150, -300, -300);
            });
            Depletion(rig, detector, 30, r =>
            {
                r.Snapshot.PhaseSampleCount[0] = 2;
                SetCellsWithDeltas(r, -163, -150, -25, 0); // plating polarisation settling
            });
            Assert.Empty(rig.Raised(DiagnosisId.DepletionNonlinearRise));
            Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0), "the reversal swing and one settling sample aborted a healthy pulse");
        }
    }

    // Finding 5 (low, availability). The DepletionNonlinearRise debounce carries over the rest into the next pulse.
    // Correct behaviour (table: "two consecutive convex windows so one noisy window cannot stop a pulse"): a single
    // convex window at the end of one pulse and a single convex window in the next pulse, a rest apart, are two
    // unrelated noisy windows, not two consecutive ones; each pulse's shape windows start afresh (the measurement
    // restarts them per pulse), so its debounce must too. The count of 1 left by the last window of pulse k is never
    // cleared at the pulse end or during the rest, so the first convex window of pulse k+1 sets the row and aborts it.
    [Fact]
    public void NonlinearRiseDebounceStartsAfreshWithEachPulse()
    {
        var rig = new SnapshotRig();
        var detector = new DepletionOnsetDetector(rig.Configuration, rig.Layout);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.SetCells(0, 150, 150);

        // Last sample of pulse k: one convex window (early 10 mV, late 30 mV: late >= 15 mV and > 150 % of early).
        Depletion(rig, detector, 0, r =>
        {
            r.Snapshot.PhaseSampleCount[0] = 90;
            r.Snapshot.ShapeValid[0] = true;
            r.Snapshot.ShapeEarlyRiseMv[0] = 10;
            r.Snapshot.ShapeLateRiseMv[0] = 30;
            r.Snapshot.ShapeEarlyRiseMv[1] = 10;
            r.Snapshot.ShapeLateRiseMv[1] = 10;
        });

        // The pulse ends; one second of rest.
        Depletion(rig, detector, 10, r =>
        {
            r.SetCurrent(0, ModulePhase.Open, 0);
            r.Snapshot.PulseEnded[0] = true;
            r.Snapshot.PhaseStarted[0] = true;
            r.Snapshot.PhaseSampleCount[0] = 1;
            r.Snapshot.LastPulseCurrentUa[0] = 385;
            r.SetCells(0, 10, 10);
        });
        for (int i = 2; i < 100; i++)
        {
            Depletion(rig, detector, i * 10, r => { r.Snapshot.PhaseSampleCount[0] = i; });
        }

        // Pulse k+1 starts, its windows fill, and its first window happens to be convex (noise).
        Depletion(rig, detector, 1000, r =>
        {
            r.SetCurrent(0, ModulePhase.Current, 385);
            r.Snapshot.PhaseStarted[0] = true;
            r.Snapshot.PhaseSampleCount[0] = 1;
            r.SetCells(0, 150, 150);
        });
        for (int i = 2; i < 23; i++)
        {
            Depletion(rig, detector, 1000 + (i * 10), r => { r.Snapshot.PhaseSampleCount[0] = i; });
        }

        Depletion(rig, detector, 1230, r =>
        {
            r.Snapshot.PhaseSampleCount[0] = 23;
            r.Snapshot.ShapeValid[0] = true;
            r.Snapshot.ShapeEarlyRiseMv[0] = 10;
            r.Snapshot.ShapeLateRiseMv[0] = 30;
            r.Snapshot.ShapeEarlyRiseMv[1] = 10;
            r.Snapshot.ShapeLateRiseMv[1] = 10;
        });

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.DepletionNonlinearRise, 0), "one convex window per pulse, a rest apart, aborted the second pulse");
        Assert.False(rig.Diagnosis.Requests.AbortPulse[0]);
    }

    private static void Depletion(SnapshotRig rig, DepletionOnsetDetector detector, long nowMs, Action<SnapshotRig> set)
    {
        rig.Begin(nowMs);
        set(rig);
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }

    /// <summary>Both cells of module 0 at the given voltages with their deltas since the previous sample, and the module's delta extremes.</summary>
    private static void SetCellsWithDeltas(SnapshotRig rig, int v0, int v1, int d0, int d1)
    {
        rig.SetCells(0, v0, v1);
        rig.Snapshot.CellDeltaMv[0] = d0;
        rig.Snapshot.CellDeltaMv[1] = d1;
        rig.Snapshot.MinimumDeltaMv[0] = Math.Min(0, Math.Min(d0, d1));
        rig.Snapshot.MaximumDeltaMv[0] = Math.Max(0, Math.Max(d0, d1));
    }
}
