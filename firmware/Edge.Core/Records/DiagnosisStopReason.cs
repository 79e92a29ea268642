// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// The stop reason a module reports when a diagnosis stopped or isolated it: the family of the detector that
    /// raised the diagnosis, so telemetry says what really stopped the module. Also how the diagnosis layer tells
    /// the safety envelope's requests from the detectors' (one list of families, here beside both enums).
    /// </summary>
    [HotPath]
    public static class DiagnosisStopReason
    {
        /// <summary>The family of <paramref name="id"/>; <see cref="StopReason.Fault"/> for an id this switch does not know.</summary>
        public static StopReason Of(DiagnosisId id)
        {
            switch (id)
            {
                case DiagnosisId.DepletionTrendInfo:
                case DiagnosisId.DepletionTrendWarning:
                case DiagnosisId.DepletionTrendFault:
                case DiagnosisId.DepletionEdgeResistanceRise:
                case DiagnosisId.DepletionNonlinearRise:
                    return StopReason.DepletionOnset;
                case DiagnosisId.SoftShortSpike:
                case DiagnosisId.SoftShortResistanceDrop:
                case DiagnosisId.SoftShortSelfDischarge:
                case DiagnosisId.SoftShortEfficiencyDrop:
                case DiagnosisId.SoftShortConfirmed:
                    return StopReason.SoftShort;
                case DiagnosisId.HardShort:
                case DiagnosisId.HardShortShuntEdge:
                    return StopReason.HardShort;
                case DiagnosisId.CellOvervoltage:
                case DiagnosisId.CellUndervoltage:
                case DiagnosisId.ModuleOvercurrent:
                case DiagnosisId.CellOvertemperature:
                case DiagnosisId.CellOvervoltageWarning:
                case DiagnosisId.CellOvervoltageDerate:
                case DiagnosisId.CellUndervoltageWarning:
                case DiagnosisId.CellUndervoltageDerate:
                case DiagnosisId.ModuleOvercurrentWarning:
                case DiagnosisId.ModuleOvercurrentDerate:
                case DiagnosisId.CellOvertemperatureWarning:
                case DiagnosisId.CellOvertemperatureDerate:
                    return StopReason.Protection;
                case DiagnosisId.CellChannelInvalid:
                case DiagnosisId.CellChannelSaturated:
                case DiagnosisId.CellChannelStuck:
                case DiagnosisId.CurrentChannelInvalid:
                case DiagnosisId.CurrentChannelSaturated:
                case DiagnosisId.CurrentChannelImplausible:
                case DiagnosisId.TemperatureChannelInvalid:
                case DiagnosisId.MuxAddressFault:
                case DiagnosisId.CellChannelIntermittent:
                case DiagnosisId.CurrentChannelIntermittent:
                case DiagnosisId.TickLate:
                case DiagnosisId.TickMissed:
                    return StopReason.Plausibility;
                default:
                    return StopReason.Fault;
            }
        }
    }
}
