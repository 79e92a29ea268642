// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>Outcome of one module's run.</summary>
public sealed class ModuleResult
{
    public int Index { get; init; }

    /// <summary>Net charge stripped through the module (true current, not the measured one), mAh/cm2.</summary>
    public double CapacityMAhPerCm2 { get; init; }

    /// <summary>Charge moved in the stripping direction (true current), mAh/cm2: <see cref="CapacityMAhPerCm2"/> is this less <see cref="PlatedMAhPerCm2"/>.</summary>
    public double StrippedMAhPerCm2 { get; init; }

    /// <summary>Charge moved in the plating direction (true current), mAh/cm2, positive.</summary>
    public double PlatedMAhPerCm2 { get; init; }

    /// <summary>Current-on time over current-on plus rest time.</summary>
    public double DutyCycle { get; init; }

    /// <summary>Mean length of the completed rests, s (0 without rests).</summary>
    public double MeanRestS { get; init; }

    public long Pulses { get; init; }

    public int Rests { get; init; }

    /// <summary>The completed rests by why each ended.</summary>
    public RestEndCounts RestEnds { get; init; } = new RestEndCounts();

    /// <summary>Final state of the duty-cycle engine, camelCase.</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>
    /// Why the module stopped, as the device's telemetry names it (camelCase: cutoff, capacityLimit, depletionOnset, ...; for a
    /// module in hold the family of the diagnosis that latched it: softShort, hardShort, protection, plausibility, or fault when
    /// that is not known), or "running" at the time limit; in a replay that parted from its recording, a module the core still
    /// pulsed or rested there is "departedFromRecording", as the replay stopped it.
    /// </summary>
    public string StopReason { get; init; } = string.Empty;

    /// <summary>
    /// For a module in hold: the diagnosis that latched it (camelCase, as the events name it: softShortConfirmed,
    /// hardShort, ...), so that the summary says which fault; null for a module not held, or held by a restored latch
    /// whose cause is not known.
    /// </summary>
    public string? HoldDiagnosis { get; init; }

    /// <summary>
    /// For a module in hold: the cell its <see cref="HoldDiagnosis"/> is about, counted in the module from 0 (as events
    /// count cells), the cell that latched it first; null when that diagnosis is about no one cell (a module's, a sensor's
    /// or the pack's), or the module is not held (the cell telemetry/modules carries, there -1 for none).
    /// </summary>
    public int? HoldCell { get; init; }

    /// <summary>
    /// True for a module held by a latch restored after a reset whose record names no cell: its diagnosis may be about one
    /// cell, but which is not known, so it is not called module-wide.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HoldCellUnknown { get; init; }

    /// <summary>The stop reason as tables show it: a module in hold with the diagnosis that latched it, "softShort (softShortConfirmed)".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string StopText => StopTextOf(StopReason, HoldDiagnosis);

    /// <summary>The latching diagnosis and where: "hardShort on cell 2", "moduleOvercurrent, module-wide", a restored latch whose record names no cell "hardShort, cell not known"; empty when not held for a known cause.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string HoldText => string.IsNullOrEmpty(HoldDiagnosis)
        ? string.Empty
        : HoldDiagnosis + (HoldCell.HasValue ? " on cell " + HoldCell.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : HoldCellUnknown ? ", cell not known" : ", module-wide");

    /// <summary><paramref name="stopReason"/>, followed by <paramref name="holdDiagnosis"/> in brackets when there is one.</summary>
    public static string StopTextOf(string stopReason, string? holdDiagnosis) =>
        string.IsNullOrEmpty(holdDiagnosis) ? stopReason : stopReason + " (" + holdDiagnosis + ")";

    /// <summary>Simulated time the module stopped, s (null while still running); a replay's last fed tick for a module it stopped by departing from its recording.</summary>
    public double? StoppedAtS { get; init; }

    /// <summary>
    /// Simulated time the first of the module's cells latched a hard short in the cell physics, s (null if none): the
    /// simulator's ground truth, which the controller never sees; its own hardShort event is what it measured.
    /// </summary>
    public double? CellHardShortS { get; init; }

    /// <summary>Times the module's switch closed (the core's SwitchCloseCount: switch wear).</summary>
    public long SwitchCount { get; init; }

    /// <summary>
    /// The module's pulse current at the end, percent of the protocol's (act mode): depletion's reductions times the
    /// protection derates still in effect.
    /// </summary>
    public int CurrentPercent { get; init; }

    /// <summary>Protection derates still in effect at the end (each is lifted after protection.derateRecoveryMs inside the limits).</summary>
    public int DerateSteps { get; init; }
}
