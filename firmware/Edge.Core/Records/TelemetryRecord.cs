// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// One telemetry record, preallocated and overwritten in place: the tick path never allocates.
    /// <see cref="Kind"/> says which fields are meaningful; the others keep stale values.
    /// </summary>
    [HotPath]
    public sealed class TelemetryRecord
    {
        public TelemetryRecord(int cellsPerModule)
        {
            CellValuesA = new int[cellsPerModule];
            CellValuesB = new int[cellsPerModule];
            CellValuesC = new int[cellsPerModule];
        }

        public TelemetryRecordKind Kind { get; set; }

        public long TimestampMs { get; set; }

        /// <summary>Module index, or -1 for the whole pack.</summary>
        public int Module { get; set; }

        /// <summary>Pack-wide cell index, or -1 when the record is about a module or the pack.</summary>
        public int Cell { get; set; }

        // --- Event ---
        public EventKind EventKind { get; set; }

        public DiagnosisId Diagnosis { get; set; }

        /// <summary>True when the event comes from the diagnosis table (Diagnosis is meaningful).</summary>
        public bool HasDiagnosis { get; set; }

        public Severity Severity { get; set; }

        /// <summary>The measured value that triggered the event, in the diagnosis' own unit (see the detector).</summary>
        public long Value { get; set; }

        /// <summary>The limit it was compared against, same unit.</summary>
        public long Threshold { get; set; }

        // --- PulseSummary ---
        /// <summary>Number of the pulse within the module's run, from 1.</summary>
        public int PulseIndex { get; set; }

        public int PulseCurrentUa { get; set; }

        public int PulseDurationMs { get; set; }

        /// <summary>Charge moved by the pulse in microcoulombs (positive = stripped).</summary>
        public long PulseChargeUc { get; set; }

        /// <summary>Net charge stripped by the module since start, microcoulombs.</summary>
        public long TotalChargeUc { get; set; }

        // --- RestTuned ---
        public int RestMs { get; set; }

        public RestEndReason RestEndReason { get; set; }

        // --- StateChanged ---
        public ModuleState State { get; set; }

        public StopReason StopReason { get; set; }

        // --- CellVoltages / PulseSummary ---
        /// <summary>CellVoltages: cell voltage in mV. PulseSummary: pulse overpotential in mV.</summary>
        public int[] CellValuesA { get; }

        /// <summary>PulseSummary: pulse-edge resistance in milliohm (0 if not measured). CellVoltages: lowest reading since the previous record, mV.</summary>
        public int[] CellValuesB { get; }

        /// <summary>CellVoltages: highest reading since the previous record, mV.</summary>
        public int[] CellValuesC { get; }

        /// <summary>CellVoltages and PulseSummary: module current in uA at the time of the record.</summary>
        public int ModuleCurrentUa { get; set; }

        /// <summary>Number of meaningful entries in the cell arrays.</summary>
        public int CellCount { get; set; }
    }
}
