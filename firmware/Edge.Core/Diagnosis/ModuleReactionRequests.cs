// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration.Diagnostics;

namespace Edge.Core.Diagnosis
{
    /// <summary>
    /// Reactions the diagnosis asked for in the current tick, per module. Written by
    /// <see cref="DiagnosisManager"/>, read by the decision layer in the same tick.
    /// </summary>
    [HotPath]
    public sealed class ModuleReactionRequests
    {
        public ModuleReactionRequests(int moduleCount)
        {
            ExtendRest = new bool[moduleCount];
            ReduceCurrent = new bool[moduleCount];
            Stop = new bool[moduleCount];
            Isolate = new bool[moduleCount];
            AbortPulse = new bool[moduleCount];
        }

        public bool[] AbortPulse { get; }

        public bool[] ExtendRest { get; }

        public bool[] ReduceCurrent { get; }

        public bool[] Stop { get; }

        public bool[] Isolate { get; }

        /// <summary>
        /// True when a reaction was requested since the last <see cref="Clear"/> (requests are made through
        /// <see cref="Request"/>): a healthy tick's decision then reads none of the arrays.
        /// </summary>
        public bool Any { get; private set; }

        public void Clear()
        {
            if (!Any)
            {
                return;
            }

            Any = false;
            for (int m = 0; m < Isolate.Length; m++)
            {
                ExtendRest[m] = false;
                ReduceCurrent[m] = false;
                Stop[m] = false;
                Isolate[m] = false;
                AbortPulse[m] = false;
            }
        }

        public void Request(int module, DiagnosisReaction reaction)
        {
            Any = true;
            switch (reaction)
            {
                case DiagnosisReaction.ExtendRest:
                    ExtendRest[module] = true;
                    break;
                case DiagnosisReaction.ReduceCurrent:
                    ReduceCurrent[module] = true;
                    break;
                case DiagnosisReaction.StopModule:
                    Stop[module] = true;
                    break;
                case DiagnosisReaction.AbortPulse:
                    AbortPulse[module] = true;
                    break;
                case DiagnosisReaction.IsolateModule:
                    Isolate[module] = true;
                    break;
                case DiagnosisReaction.IsolatePack:
                    for (int m = 0; m < Isolate.Length; m++)
                    {
                        Isolate[m] = true;
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
