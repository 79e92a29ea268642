// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis
{
    /// <summary>
    /// How many graded protection levels inside the safety envelope (the warnings and derates of cell voltage, module
    /// current and temperature) are active on each module: kept by <see cref="DiagnosisManager"/> as its rows set and
    /// heal, read by the decision layer to tell when a derated module has been back inside its operating limits long
    /// enough to have its current restored. A temperature sensor counts for the module it sits on, a pack-wide one for
    /// every module.
    /// </summary>
    [HotPath]
    public sealed class ActiveProtectionLevels
    {
        private readonly int[] _moduleLevels;
        private int _packLevels;

        public ActiveProtectionLevels(PackLayout layout)
        {
            _moduleLevels = new int[layout.ModuleCount];
        }

        /// <summary>
        /// True when no warning or derate level is active on the module's cells, the module, a temperature sensor on it
        /// or a pack-wide temperature sensor.
        /// </summary>
        public bool AreClear(int module) => _moduleLevels[module] == 0 && _packLevels == 0;

        /// <summary>
        /// The warning and derate rows (foxBMS MOL and RSL): the protection family less its safety limits (MSL), which
        /// latch and hold the module instead.
        /// </summary>
        public static bool IsGradedLevel(DiagnosisId id)
        {
            if (DiagnosisStopReason.Of(id) != StopReason.Protection)
            {
                return false;
            }

            switch (id)
            {
                case DiagnosisId.CellOvervoltage:
                case DiagnosisId.CellUndervoltage:
                case DiagnosisId.ModuleOvercurrent:
                case DiagnosisId.CellOvertemperature:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>A graded level on <paramref name="module"/> (-1: a pack-wide sensor's) set (+1) or cleared (-1).</summary>
        internal void Change(int module, int change)
        {
            if (module < 0)
            {
                _packLevels += change;
            }
            else
            {
                _moduleLevels[module] += change;
            }
        }
    }
}
