// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Records;

namespace Edge.Core.Diagnosis
{
    /// <summary>
    /// Reactions the diagnosis asked for in the current tick, per module. Written by
    /// <see cref="DiagnosisManager"/>, read by the decision layer in the same tick.
    /// </summary>
    [HotPath]
    public sealed class ModuleReactionRequests
    {
        // Read as a field on the per-tick path (Clear): on the device a property read is a call.
        private bool _any;

        public ModuleReactionRequests(int moduleCount)
        {
            ExtendRest = new bool[moduleCount];
            ReduceCurrent = new bool[moduleCount];
            Derate = new bool[moduleCount];
            Stop = new bool[moduleCount];
            StopWhenExhausted = new bool[moduleCount];
            Isolate = new bool[moduleCount];
            AbortPulse = new bool[moduleCount];
            StopCause = new DiagnosisId[moduleCount];
            HoldCause = new DiagnosisId[moduleCount];
            HoldCauseKnown = new bool[moduleCount];
        }

        public bool[] AbortPulse { get; }

        public bool[] ExtendRest { get; }

        /// <summary>A lower current asked for by depletion (the pulse tuner may answer it with a shorter pulse instead).</summary>
        public bool[] ReduceCurrent { get; }

        /// <summary>
        /// A lower current asked for by a protection level (a <see cref="DiagnosisReaction.ReduceCurrent"/> row of
        /// over/under voltage, overcurrent or overtemperature): the current itself must fall, so no shorter pulse answers it.
        /// </summary>
        public bool[] Derate { get; }

        public bool[] Stop { get; }

        /// <summary>
        /// Set with <see cref="ReduceCurrent"/> by <see cref="DiagnosisReaction.ReduceCurrentOrStop"/>: when the decision
        /// layer can lower the module's pulse no further, it stops the module as for <see cref="Stop"/>, with
        /// <see cref="StopCause"/> as the cause.
        /// </summary>
        public bool[] StopWhenExhausted { get; }

        public bool[] Isolate { get; }

        /// <summary>
        /// Where <see cref="Stop"/> or <see cref="StopWhenExhausted"/> is set: the first diagnosis of the tick that asked
        /// to stop the module.
        /// </summary>
        public DiagnosisId[] StopCause { get; }

        /// <summary>
        /// Where <see cref="HoldCauseKnown"/> is set: the first diagnosis of the tick that isolated the module or
        /// latched a fault on it, either of which puts it in Hold.
        /// </summary>
        public DiagnosisId[] HoldCause { get; }

        public bool[] HoldCauseKnown { get; }

        /// <summary>
        /// True when a reaction was requested since the last <see cref="Clear"/> (requests are made through
        /// <see cref="Request"/>): a healthy tick's decision then reads none of the arrays.
        /// </summary>
        public bool Any => _any;

        public void Clear()
        {
            // The test alone, small enough for the JIT to inline into every tick: most ticks requested nothing.
            if (_any)
            {
                ClearRequests();
            }
        }

        private void ClearRequests()
        {
            _any = false;
            for (int m = 0; m < Isolate.Length; m++)
            {
                ExtendRest[m] = false;
                ReduceCurrent[m] = false;
                Derate[m] = false;
                Stop[m] = false;
                StopWhenExhausted[m] = false;
                Isolate[m] = false;
                AbortPulse[m] = false;
                HoldCauseKnown[m] = false;
            }
        }

        /// <summary>
        /// A latched fault of <paramref name="cause"/> holds the module (its reaction, if any, is requested apart):
        /// remembered as the cause of the Hold unless an earlier diagnosis of the tick already gave one.
        /// </summary>
        public void NoteLatch(int module, DiagnosisId cause)
        {
            _any = true;
            NoteHoldCause(module, cause);
        }

        /// <summary>Asks the decision layer for <paramref name="reaction"/> on the module, because of <paramref name="cause"/>.</summary>
        public void Request(int module, DiagnosisReaction reaction, DiagnosisId cause)
        {
            _any = true;
            switch (reaction)
            {
                case DiagnosisReaction.ExtendRest:
                    ExtendRest[module] = true;
                    break;
                case DiagnosisReaction.ReduceCurrent:
                    if (IsProtection(cause))
                    {
                        Derate[module] = true;
                    }
                    else
                    {
                        ReduceCurrent[module] = true;
                    }

                    break;
                case DiagnosisReaction.StopModule:
                    if (!Stop[module])
                    {
                        if (!StopWhenExhausted[module])
                        {
                            StopCause[module] = cause;
                        }

                        Stop[module] = true;
                    }

                    break;
                case DiagnosisReaction.ReduceCurrentOrStop:
                    ReduceCurrent[module] = true;
                    if (!Stop[module] && !StopWhenExhausted[module])
                    {
                        StopWhenExhausted[module] = true;
                        StopCause[module] = cause;
                    }

                    break;
                case DiagnosisReaction.AbortPulse:
                    AbortPulse[module] = true;
                    break;
                case DiagnosisReaction.IsolateModule:
                    Isolate[module] = true;
                    NoteHoldCause(module, cause);
                    break;
                case DiagnosisReaction.IsolatePack:
                    for (int m = 0; m < Isolate.Length; m++)
                    {
                        Isolate[m] = true;
                        NoteHoldCause(m, cause);
                    }

                    break;
                default:
                    break;
            }
        }

        /// <summary>The safety envelope's diagnoses and their graded levels.</summary>
        private static bool IsProtection(DiagnosisId id) => DiagnosisStopReason.Of(id) == StopReason.Protection;

        private void NoteHoldCause(int module, DiagnosisId cause)
        {
            if (!HoldCauseKnown[module])
            {
                HoldCauseKnown[module] = true;
                HoldCause[module] = cause;
            }
        }
    }
}
