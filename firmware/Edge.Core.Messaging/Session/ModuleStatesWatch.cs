// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Session
{
    /// <summary>
    /// What the retained edge/&lt;id&gt;/telemetry/modules message says of every module (state, stop reason, latching
    /// diagnosis, and the net charge it stripped since it started, as of the message), and whether it has to be published
    /// again. The controller's tick changes these values; the session's network thread reads them here, as it reads the
    /// configuration revision: a value read between two of the tick's writes is followed by the next pass's change. A module's steps between pulse and rest alternate every pulse and are
    /// no change here (the streams carry them); entering or leaving idle, hold or done, a new stop reason or a new
    /// latch is; the charge, which grows every pulse, is not (the pulse summaries carry it live, and a stopped module's is
    /// final). Allocates nothing after construction.
    /// </summary>
    public sealed class ModuleStatesWatch
    {
        private readonly EdgeController _controller;
        private readonly ModuleState[] _states;
        private readonly StopReason[] _stopReasons;
        private readonly int[] _diagnoses;
        private readonly long[] _totalChargeUc;

        public ModuleStatesWatch(EdgeController controller)
        {
            _controller = controller;
            int modules = controller.Layout.ModuleCount;
            _states = new ModuleState[modules];
            _stopReasons = new StopReason[modules];
            _diagnoses = new int[modules];
            _totalChargeUc = new long[modules];
            Refresh();
        }

        /// <summary>Bytes the payload needs at most.</summary>
        public int MaximumBytes => ModulesEncoder.MaximumBytes(_states.Length);

        /// <summary>Takes the controller's present values; true when one changed that the retained message must show.</summary>
        [HotPath]
        public bool Refresh()
        {
            DiagnosisManager diagnosis = _controller.Diagnosis;
            bool changed = false;
            for (int m = 0; m < _states.Length; m++)
            {
                ModuleDutyCycle cycle = _controller.Module(m);
                ModuleState state = cycle.State;
                StopReason reason = cycle.StopReason;
                int cause = diagnosis.IsLatchCauseKnown(m) ? (int)diagnosis.LatchCause(m) : -1;
                if (RunClass(state) != RunClass(_states[m]) || reason != _stopReasons[m] || cause != _diagnoses[m])
                {
                    changed = true;
                }

                _states[m] = state;
                _stopReasons[m] = reason;
                _diagnoses[m] = cause;
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

            ModulesEncoder.Encode(writer, bootId, _states, _stopReasons, _diagnoses, _totalChargeUc);
        }

        // Pulse and rest are one class: a running module.
        private static ModuleState RunClass(ModuleState state) => state == ModuleState.Rest ? ModuleState.Pulse : state;
    }
}
