// Licensed under the MIT License.

using Edge.Core.Telemetry;

namespace Edge.Firmware.Telemetry
{
    /// <summary>Field-by-field copy of a <see cref="TelemetryRecord"/> into a preallocated one (no allocation).</summary>
    public static class TelemetryRecordCopy
    {
        /// <summary>Copies every field of <paramref name="source"/> into <paramref name="target"/>.</summary>
        public static void Copy(TelemetryRecord source, TelemetryRecord target)
        {
            target.Kind = source.Kind;
            target.TimestampMs = source.TimestampMs;
            target.Module = source.Module;
            target.Cell = source.Cell;
            target.EventKind = source.EventKind;
            target.Diagnosis = source.Diagnosis;
            target.HasDiagnosis = source.HasDiagnosis;
            target.Severity = source.Severity;
            target.Value = source.Value;
            target.Threshold = source.Threshold;
            target.PulseIndex = source.PulseIndex;
            target.PulseCurrentUa = source.PulseCurrentUa;
            target.PulseDurationMs = source.PulseDurationMs;
            target.PulseChargeUc = source.PulseChargeUc;
            target.TotalChargeUc = source.TotalChargeUc;
            target.RestMs = source.RestMs;
            target.RestEndReason = source.RestEndReason;
            target.State = source.State;
            target.StopReason = source.StopReason;
            target.ModuleCurrentUa = source.ModuleCurrentUa;
            target.CellCount = source.CellCount;
            int count = source.CellValuesA.Length < target.CellValuesA.Length ? source.CellValuesA.Length : target.CellValuesA.Length;
            for (int i = 0; i < count; i++)
            {
                target.CellValuesA[i] = source.CellValuesA[i];
                target.CellValuesB[i] = source.CellValuesB[i];
            }
        }
    }
}
