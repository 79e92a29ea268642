// Licensed under the MIT License.

using System.Threading;
using Edge.Core.Annotations;

namespace Edge.Core.Records
{
    /// <summary>
    /// Every module's state, stop reason, latching diagnosis and the cell it latched on as the latest completed tick left them: what a thread
    /// other than the tick's reads of them (the session's retained telemetry/modules message). Within a tick the
    /// diagnosis latches a module before its duty cycle goes to hold (and a fault reset clears the latch before the duty
    /// cycle leaves hold), so the live values read between two of the tick's writes showed a running module with a latched
    /// diagnosis. One writer, the controller at the end of each tick, and only when a value changed; a reader copies the
    /// four together with <see cref="TryCopyTo"/>, which fails when a publication overlapped the copy: a count, odd while
    /// the values are written (a sequence lock), so the control path takes no lock and never waits for a reader. A tick
    /// that throws publishes nothing: the snapshot stays that of the last completed tick. Allocates nothing after construction.
    /// </summary>
    [HotPath]
    public sealed class ModuleStatesSnapshot
    {
        /// <summary>A diagnosis of <see cref="TryCopyTo"/>: the module is not latched, or the cause is not known.</summary>
        public const int NoDiagnosis = -1;

        /// <summary>A cell of <see cref="TryCopyTo"/>: the diagnosis is not about one cell, or there is none (see <see cref="Edge.Core.Diagnosis.DiagnosisManager.LatchCell"/>).</summary>
        public const int NoCell = -1;

        private readonly ModuleState[] _states;
        private readonly StopReason[] _stopReasons;
        private readonly int[] _diagnoses;
        private readonly int[] _cells;

        // Even between publications, odd while one writes; only ever changed by interlocked increments (full fences).
        private int _sequence;

        public ModuleStatesSnapshot(int moduleCount)
        {
            _states = new ModuleState[moduleCount];
            _stopReasons = new StopReason[moduleCount];
            _diagnoses = new int[moduleCount];
            _cells = new int[moduleCount];
            for (int m = 0; m < moduleCount; m++)
            {
                _diagnoses[m] = NoDiagnosis;
                _cells[m] = NoCell;
            }
        }

        public int ModuleCount => _states.Length;

        /// <summary>
        /// Copies every module's state, stop reason, diagnosis (a <see cref="DiagnosisId"/>, or <see cref="NoDiagnosis"/>) and
        /// the pack-wide index of the cell that diagnosis latched on (or <see cref="NoCell"/>) of one completed tick; false,
        /// with the arrays' contents undefined, when a publication ran meanwhile (try again).
        /// </summary>
        public bool TryCopyTo(ModuleState[] states, StopReason[] stopReasons, int[] diagnoses, int[] cells)
        {
            // CompareExchange with equal values reads with a full fence and changes nothing.
            int before = Interlocked.CompareExchange(ref _sequence, 0, 0);
            if ((before & 1) != 0)
            {
                return false;
            }

            for (int m = 0; m < _states.Length; m++)
            {
                states[m] = _states[m];
                stopReasons[m] = _stopReasons[m];
                diagnoses[m] = _diagnoses[m];
                cells[m] = _cells[m];
            }

            return Interlocked.CompareExchange(ref _sequence, 0, 0) == before;
        }

        /// <summary>Tick thread: starts a publication (readers' copies fail until <see cref="EndWrite"/>).</summary>
        internal void BeginWrite() => Interlocked.Increment(ref _sequence);

        internal void Write(int module, ModuleState state, StopReason stopReason, int diagnosis, int cell)
        {
            _states[module] = state;
            _stopReasons[module] = stopReason;
            _diagnoses[module] = diagnosis;
            _cells[module] = cell;
        }

        internal void EndWrite() => Interlocked.Increment(ref _sequence);
    }
}
