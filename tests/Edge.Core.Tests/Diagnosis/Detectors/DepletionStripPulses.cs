// Licensed under the MIT License.

using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Tests.Support;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// Drives a <see cref="DepletionOnsetDetector"/> one strip pulse at a time on module 0 of a <see cref="SnapshotRig"/>:
/// 1 s at 385 uA, cell 1 at 100 mV of overpotential, both edges at 1000 milliohm.
/// </summary>
internal static class DepletionStripPulses
{
    /// <summary>A fresh rig (module 0 open, both cells at 500 mV) and its detector.</summary>
    public static (SnapshotRig Rig, DepletionOnsetDetector Detector) Make()
    {
        var rig = new SnapshotRig();
        rig.SetCells(0, 500, 500);
        rig.SetCurrent(0, ModulePhase.Open, 0);
        return (rig, new DepletionOnsetDetector(rig.Configuration, rig.Layout));
    }

    /// <summary>
    /// A strip pulse from <paramref name="startMs"/> to 1 s later, ending with cell 0 at <paramref name="overpotentialMv"/>,
    /// of a protocol whose longest rest is <paramref name="longestRestMs"/> (0: no rest step) and whose own rest is
    /// <paramref name="protocolRestMs"/> (0: none told).
    /// </summary>
    public static void Run(SnapshotRig rig, DepletionOnsetDetector detector, long startMs, int overpotentialMv, long longestRestMs, long protocolRestMs = 0)
    {
        detector.NoteStripStep(0, 1000, longestRestMs, protocolRestMs);
        rig.Begin(startMs);
        rig.SetCurrent(0, ModulePhase.Current, 385);
        rig.Snapshot.PhaseStarted[0] = true;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();

        rig.Begin(startMs + 1000);
        rig.SetCurrent(0, ModulePhase.Open, 0);
        rig.Snapshot.PhaseStarted[0] = true;
        rig.Snapshot.PulseEnded[0] = true;
        rig.Snapshot.EdgeCurrentUa[0] = 385;
        rig.Snapshot.LastPulseCurrentUa[0] = 385;
        rig.Snapshot.LastPulseClosingCurrentUa[0] = 385;
        rig.Snapshot.LastPulseDurationMs[0] = 1000;
        rig.Snapshot.PulseOverpotentialMv[0] = overpotentialMv;
        rig.Snapshot.PulseOverpotentialMv[1] = 100;
        rig.Snapshot.EdgeResistanceMilliohm[0] = 1000;
        rig.Snapshot.EdgeResistanceMilliohm[1] = 1000;
        detector.Evaluate(rig.Snapshot, rig.Diagnosis);
        rig.End();
    }
}
