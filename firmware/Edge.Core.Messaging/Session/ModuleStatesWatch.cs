// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Records;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Session
{
    /// <summary>
    /// What the retained edge/&lt;id&gt;/telemetry/modules message says of every module (state, stop reason, latching
    /// diagnosis and the cell it latched on, and the net charge it stripped since it started, as of the message), and whether
    /// it has to be published again. The session's network thread takes the first four from the controller's
    /// <see cref="ModuleStatesSnapshot"/>, all four of one completed tick: read live, between the tick's latch of a diagnosis and its duty cycle's move to
    /// hold, they showed a running module with a latched diagnosis. A module's steps between pulse and rest alternate
    /// every pulse and are no change here (the streams carry them); entering or leaving idle, hold or done, a new stop
    /// reason or a new latch is; the charge, which grows every pulse, is not (the pulse summaries carry it live, and a
    /// stopped module's is final). Allocates nothing after construction.
    /// </summary>
    public sealed class ModuleStatesWatch
    {
        private readonly EdgeController _controller;
        private readonly ModuleState[] _states;
        private readonly StopReason[] _stopReasons;
        private readonly int[] _diagnoses;
        private readonly int[] _cells;
        private readonly long[] _totalChargeUc;

        // A copy being taken from the snapshot: the values above change only once it is whole.
        private readonly ModuleState[] _takenStates;
        private readonly StopReason[] _takenStopReasons;
        private readonly int[] _takenDiagnoses;
        private readonly int[] _takenCells;

        public ModuleStatesWatch(EdgeController controller)
        {
            _controller = controller;
            int modules = controller.Layout.ModuleCount;
            _states = new ModuleState[modules];
            _stopReasons = new StopReason[modules];
            _diagnoses = new int[modules];
            _cells = new int[modules];
            _totalChargeUc = new long[modules];
            _takenStates = new ModuleState[modules];
            _takenStopReasons = new StopReason[modules];
            _takenDiagnoses = new int[modules];
            _takenCells = new int[modules];
            for (int m = 0; m < modules; m++)
            {
                _diagnoses[m] = ModuleStatesSnapshot.NoDiagnosis;
                _cells[m] = ModuleStatesSnapshot.NoCell;
            }

            Refresh();
        }

        /// <summary>Bytes the payload needs at most.</summary>
        public int MaximumBytes => ModulesEncoder.MaximumBytes(_states.Length);

        /// <summary>
        /// Takes the values of the latest completed tick; true when one changed that the retained message must show. A copy
        /// that a tick's publication overlapped (a few times in a row) is left for the next pass: false, nothing taken.
        /// </summary>
        [HotPath]
        public bool Refresh()
        {
            ModuleStatesSnapshot snapshot = _controller.ModuleStates;
            bool taken = false;
            for (int attempt = 0; attempt < CopyAttempts && !taken; attempt++)
            {
                taken = snapshot.TryCopyTo(_takenStates, _takenStopReasons, _takenDiagnoses, _takenCells);
            }

            if (!taken)
            {
                return false;
            }

            bool changed = false;
            for (int m = 0; m < _states.Length; m++)
            {
                ModuleState state = _takenStates[m];
                StopReason reason = _takenStopReasons[m];
                int cause = _takenDiagnoses[m];
                int cell = _takenCells[m];
                if (RunClass(state) != RunClass(_states[m]) || reason != _stopReasons[m] || cause != _diagnoses[m] || cell != _cells[m])
                {
                    changed = true;
                }

                _states[m] = state;
                _stopReasons[m] = reason;
                _diagnoses[m] = cause;
                _cells[m] = cell;
            }

            return changed;
        }

        /// <summary>
        /// Writes the payload of the values last taken, with each module's charge as it stands now (read here, when a
        /// message is made, not on every pass of the session).
        /// </summary>
        public void Encode(JsonByteWriter writer, string bootId)
        {
            for (int m = 0; m < _totalChargeUc.Length; m++)
            {
                // As the pulse summary's totalChargeUc.
                _totalChargeUc[m] = _controller.Module(m).RunNetChargeNc / 1000;
            }

            ModulesEncoder.Encode(writer, bootId, _states, _stopReasons, _diagnoses, _cells, _totalChargeUc);
        }

        // A publication writes a few values per module, so a copy overlaps one only when this thread is preempted mid-copy.
        private const int CopyAttempts = 4;

        // Pulse and rest are one class: a running module.
        private static ModuleState RunClass(ModuleState state) => state == ModuleState.Rest ? ModuleState.Pulse : state;
    }
}
