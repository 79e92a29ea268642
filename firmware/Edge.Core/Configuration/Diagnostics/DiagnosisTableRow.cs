// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Records;

namespace Edge.Core.Configuration.Diagnostics
{
    /// <summary>
    /// How one diagnosis is debounced, graded and answered (foxBMS diag_cfg.c style: detectors only
    /// say Ok / NotOk; this row decides).
    /// </summary>
    [HotPath]
    public sealed class DiagnosisTableRow
    {
        public DiagnosisTableRow(
            DiagnosisId id,
            DiagnosisScope scope,
            Severity severity,
            EventKind eventKind,
            int debounceCount,
            int healCount,
            DiagnosisReaction reaction,
            DiagnosisLatching latching,
            ObserveModeAction observeMode)
        {
            Id = id;
            Scope = scope;
            Severity = severity;
            EventKind = eventKind;
            DebounceCount = debounceCount;
            HealCount = healCount;
            Reaction = reaction;
            Latching = latching;
            ObserveMode = observeMode;

            // Read on every report: kept as plain values so the device's interpreter makes one call, not two.
            Latches = latching == DiagnosisLatching.Latches;
            ActsInObserveMode = observeMode == ObserveModeAction.Acts;
            Enabled = true;
        }

        public DiagnosisId Id { get; }

        public DiagnosisScope Scope { get; }

        public Severity Severity { get; }

        public EventKind EventKind { get; }

        /// <summary>
        /// NotOk reports before the diagnosis becomes active (1 = at once). A row that latches counts them leaky, as foxBMS 2's
        /// diag.c counts its occurrences: each NotOk adds one, each Ok takes one away (down to 0), so a cause that is bad on
        /// two readings of three reaches a debounce of 3 (1, 2, 1, 2, 3), and one bad on every other reading stays at 1. A row that heals counts NotOk reports in a row (an Ok starts it over), so noise at a warning or derate
        /// level does not add up to events and current steps. A reading without a report (an invalid one, for a limit)
        /// leaves the count as it is, either way.
        /// </summary>
        public int DebounceCount { get; set; }

        /// <summary>Consecutive Ok reports before a non-latching diagnosis clears.</summary>
        public int HealCount { get; set; }

        public DiagnosisReaction Reaction { get; set; }

        /// <summary>Whether the active diagnosis heals on Ok reports or waits for a module reset.</summary>
        public DiagnosisLatching Latching { get; }

        /// <summary>Whether the row reacts in observe mode or only reports there.</summary>
        public ObserveModeAction ObserveMode { get; }

        /// <summary>Latched diagnoses stay active until an explicit reset of the module.</summary>
        public bool Latches { get; }

        /// <summary>Safety rows act even in observe mode; detector rows only report there.</summary>
        public bool ActsInObserveMode { get; }

        /// <summary>A disabled row ignores every report.</summary>
        public bool Enabled { get; set; }
    }
}
