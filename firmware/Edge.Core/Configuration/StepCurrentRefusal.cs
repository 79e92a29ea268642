// Licensed under the MIT License.

using Edge.Core.Configuration.Protocol;
using Edge.Core.Text;

namespace Edge.Core.Configuration
{
    /// <summary>
    /// The refusal of a current step above the safety limit or, in act mode, above the derate level, in the terms the step
    /// was most likely written in: the density on the electrode area, the current it makes, where the bound comes from
    /// (the board's key when the board set it) and the largest step that passes, in uA and in mA/cm2. "current 2355 uA
    /// exceeds the safety envelope's 2000 uA" left the sender of "Strip at 3 mA/cm2" to work all of that out.
    /// Built only on refusal.
    /// </summary>
    internal static class StepCurrentRefusal
    {
        private const string Microamperes = " uA";
        private const string Density = " mA/cm2";
        private const string Board = "the board's ";

        /// <summary>
        /// The step exceeds <see cref="ProtectionConfiguration.ModuleMaximumCurrentUa"/>. In act mode the largest step that
        /// passes is the derate level below it, as one above the level is refused in act mode too; the limit is what
        /// observe mode allows.
        /// </summary>
        public static string AboveLimit(ProtocolStep step, double areaCm2, ProtectionConfiguration protection, ControlMode mode)
        {
            int limitUa = protection.ModuleMaximumCurrentUa;
            int levelUa = protection.ModuleCurrentDerateUa;
            string key = protection.ModuleMaximumCurrentBoardKey;
            string text = Asked(step.CurrentUa, areaCm2) + "above the safety envelope's " + limitUa.ToString() + Microamperes
                + (key != null ? " (" + Board + key + ")" : string.Empty) + ": give at most ";
            if (mode == ControlMode.Act && levelUa < limitUa)
            {
                return text + AtMost(levelUa, areaCm2) + ", act mode's derate level; observe mode takes up to " + AtMost(limitUa, areaCm2);
            }

            return text + AtMost(limitUa, areaCm2);
        }

        /// <summary>The step exceeds <see cref="ProtectionConfiguration.ModuleCurrentDerateUa"/> in act mode.</summary>
        public static string AboveDerateLevel(ProtocolStep step, double areaCm2, ProtectionConfiguration protection)
        {
            int levelUa = protection.ModuleCurrentDerateUa;
            int limitUa = protection.ModuleMaximumCurrentUa;
            string limitKey = protection.ModuleMaximumCurrentBoardKey;
            string source;
            if (protection.ModuleCurrentDerateBoardKey != null)
            {
                source = Board + protection.ModuleCurrentDerateBoardKey + "; safety limit ";
            }
            else if (limitKey != null && levelUa == ProtectionGrading.DerateBelow(limitUa))
            {
                // A board that gives no derate level has it follow its limit.
                source = ProtectionGrading.DeratePercent.ToString() + " % of " + Board + limitKey + ", the safety limit ";
            }
            else
            {
                source = "protection.moduleCurrentDerateUa; safety limit ";
            }

            return Asked(step.CurrentUa, areaCm2) + "above the safety envelope's derate level of " + levelUa.ToString() + Microamperes
                + " (" + source + limitUa.ToString() + Microamperes + "): act mode would derate every pulse from its first; give at most "
                + AtMost(levelUa, areaCm2);
        }

        // "current 3 mA/cm2 on 0.785 cm2 is 2355 uA, ": the density is the current over the area, to the parser's 1 uA.
        private static string Asked(int currentUa, double areaCm2)
        {
            long densityUaPerCm2 = (long)((currentUa / areaCm2) + 0.5);
            if (densityUaPerCm2 < 1)
            {
                return "current " + currentUa.ToString() + Microamperes + " is ";
            }

            long areaScaled = (long)((areaCm2 * 10000.0) + 0.5);
            return "current " + DecimalText.Of(densityUaPerCm2, 3) + Density + " on " + DecimalText.Of(areaScaled, 4) + " cm2 is "
                + currentUa.ToString() + Microamperes + ", ";
        }

        // "1900 uA (2.42 mA/cm2)": the density rounded down, to hundredths from 0.1 mA/cm2 up, so that the step it
        // writes stays inside the bound once the parser has multiplied it by the area.
        private static string AtMost(int boundUa, double areaCm2)
        {
            long densityUaPerCm2 = (long)(boundUa / areaCm2);
            if (densityUaPerCm2 >= 100)
            {
                densityUaPerCm2 -= densityUaPerCm2 % 10;
            }

            string text = boundUa.ToString() + Microamperes;
            return densityUaPerCm2 < 1 ? text : text + " (" + DecimalText.Of(densityUaPerCm2, 3) + Density + ")";
        }
    }
}
