// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>Which fields of a <see cref="TelemetryRecord"/> carry meaning.</summary>
    public enum TelemetryRecordKind : byte
    {
        /// <summary>A diagnosis became active, or a protocol event: EventKind, Diagnosis, Severity, Value, Threshold.</summary>
        Event = 0,

        /// <summary>End of one pulse of a module: pulse fields and per-cell overpotential and edge resistance.</summary>
        PulseSummary = 1,

        /// <summary>A rest ended: RestMs is the rest the tuner chose, RestEndReason why it ended.</summary>
        RestTuned = 2,

        /// <summary>A module changed state: State and StopReason.</summary>
        StateChanged = 3,

        /// <summary>Periodic per-cell voltages of one module: CellValuesA in mV, plus the module current.</summary>
        CellVoltages = 4,
    }
}
