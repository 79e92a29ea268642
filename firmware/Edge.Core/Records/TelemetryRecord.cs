// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// One telemetry record, preallocated and overwritten in place: the tick path never allocates.
    /// <see cref="Kind"/> says which fields are meaningful; the others keep stale values.
    /// </summary>
    /// <remarks>
    /// Fields, not properties: the tick writes records and the encoders read them for every message, and on the device
    /// each property access is an interpreted call.
    /// </remarks>
    [HotPath]
    public sealed class TelemetryRecord
    {
        public TelemetryRecord(int cellsPerModule)
        {
            CellValuesA = new int[cellsPerModule];
            CellValuesB = new int[cellsPerModule];
            CellValuesC = new int[cellsPerModule];
            CellInvalid = new bool[cellsPerModule];
        }

        public TelemetryRecordKind Kind;

        public long TimestampMs;

        /// <summary>Module index, or -1 for the whole pack.</summary>
        public int Module;

        /// <summary>Pack-wide cell index, or -1 when the record is about a module or the pack.</summary>
        public int Cell;

        // --- Event ---
        public EventKind EventKind;

        public DiagnosisId Diagnosis;

        /// <summary>True when the event comes from the diagnosis table (Diagnosis is meaningful).</summary>
        public bool HasDiagnosis;

        public Severity Severity;

        /// <summary>The measured value that triggered the event, in the diagnosis' own unit (see the detector).</summary>
        public long Value;

        /// <summary>The limit it was compared against, same unit.</summary>
        public long Threshold;

        // --- PulseSummary ---
        /// <summary>
        /// Number of the pulse within the module's run, from 1: 64-bit, as the module's count of pulses (a run of 10 ms
        /// pulses back to back passes 2^31 pulses after 248 days, where an int went to -2,147,483,648).
        /// </summary>
        public long PulseIndex;

        public int PulseCurrentUa;

        /// <summary>
        /// How long the pulse lasted, ms: 64-bit, as every time of the core (a strip step may last up to 2^53 - 1 ms, and
        /// one of 30 days, beyond 2^31 ms, read -1,702,967,296 as an int).
        /// </summary>
        public long PulseDurationMs;

        /// <summary>Charge moved by the pulse in microcoulombs (positive = stripped).</summary>
        public long PulseChargeUc;

        /// <summary>Net charge stripped by the module since start, microcoulombs.</summary>
        public long TotalChargeUc;

        // --- RestTuned ---
        /// <summary>
        /// RestTuned: how long the rest lasted, ms. PulseSummary: the rest planned after the pulse, ms. 64-bit: a fixed rest
        /// step may last up to 2^53 - 1 ms, and a scheduled module waits for its grant as long as the pack's demand leaves
        /// it idle (a 30-day rest read -1,702,967,296 as an int).
        /// </summary>
        public long RestMs;

        public RestEndReason RestEndReason;

        // --- StateChanged ---
        public ModuleState State;

        public StopReason StopReason;

        // --- CellVoltages / PulseSummary ---
        /// <summary>CellVoltages: cell voltage in mV. PulseSummary: pulse overpotential in mV.</summary>
        public readonly int[] CellValuesA;

        /// <summary>PulseSummary: pulse-edge resistance in milliohm (0 if not measured). CellVoltages: lowest reading since the previous record, mV.</summary>
        public readonly int[] CellValuesB;

        /// <summary>CellVoltages: highest reading since the previous record, mV.</summary>
        public readonly int[] CellValuesC;

        /// <summary>
        /// CellVoltages: true for a cell without a valid reading since the previous record; its three values then repeat
        /// its last valid reading (0 before any) and measure nothing of this interval.
        /// </summary>
        public readonly bool[] CellInvalid;

        /// <summary>
        /// CellVoltages and PulseSummary: module current in uA, its latest valid reading (0 before any). CellVoltages: of the
        /// interval since the previous cells record, this tick included; PulseSummary: this tick's, the end of the pulse.
        /// </summary>
        public int ModuleCurrentUa;

        /// <summary>
        /// CellVoltages: no valid reading of the module current in the interval; PulseSummary: none at this tick. Then
        /// <see cref="ModuleCurrentUa"/> repeats an older valid reading (0 before any) and measures nothing of the record's time.
        /// </summary>
        public bool ModuleCurrentInvalid;

        /// <summary>Number of meaningful entries in the cell arrays.</summary>
        public int CellCount;
    }
}
