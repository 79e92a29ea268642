// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// The <c>[safety]</c> section's graded levels must lie inside their limit in the order warning (MOL), derate
    /// (RSL), limit (MSL). A level the board leaves out is checked at the controller's default for that limit
    /// (<see cref="ProtectionGrading"/>), since that is the level the board's given ones will run next to.
    /// </summary>
    internal static class GradedSafetyChecks
    {
        public static BoardParseError Check(SafetySectionBuilder s)
        {
            int maxDerate = Level(s.CellVoltageMaxDerateMv, ProtectionGrading.DerateBelow(s.CellVoltageMaxMv));
            int maxWarning = Level(s.CellVoltageMaxWarningMv, ProtectionGrading.WarningBelow(s.CellVoltageMaxMv));
            BoardParseError error = Below(s, SafetySectionBuilder.CellVoltageMaxDerateKey, maxDerate, SafetySectionBuilder.CellVoltageMaxKey, s.CellVoltageMaxMv, "mV")
                ?? Below(s, SafetySectionBuilder.CellVoltageMaxWarningKey, maxWarning, SafetySectionBuilder.CellVoltageMaxDerateKey, maxDerate, "mV");
            if (error != null)
            {
                return error;
            }

            int minDerate = Level(s.CellVoltageMinDerateMv, ProtectionGrading.DerateAbove(s.CellVoltageMinMv));
            int minWarning = Level(s.CellVoltageMinWarningMv, ProtectionGrading.WarningAbove(s.CellVoltageMinMv));
            error = Above(s, SafetySectionBuilder.CellVoltageMinDerateKey, minDerate, SafetySectionBuilder.CellVoltageMinKey, s.CellVoltageMinMv, "mV")
                ?? Above(s, SafetySectionBuilder.CellVoltageMinWarningKey, minWarning, SafetySectionBuilder.CellVoltageMinDerateKey, minDerate, "mV");
            if (error != null)
            {
                return error;
            }

            if (minWarning >= maxWarning)
            {
                return s.FailAt(
                    s.Has(SafetySectionBuilder.CellVoltageMinWarningKey) ? SafetySectionBuilder.CellVoltageMinWarningKey : SafetySectionBuilder.CellVoltageMaxWarningKey,
                    BoardParseErrorKind.Inconsistent,
                    "the lower warning level (" + minWarning.ToString() + " mV) must stay below the upper one (" + maxWarning.ToString() + " mV)");
            }

            int currentDerate = Level(s.ModuleCurrentDerateUa, ProtectionGrading.DerateBelow(s.MaxModuleCurrentUa));
            int currentWarning = Level(s.ModuleCurrentWarningUa, ProtectionGrading.WarningBelow(s.MaxModuleCurrentUa));
            error = Below(s, SafetySectionBuilder.ModuleCurrentDerateKey, currentDerate, SafetySectionBuilder.MaxModuleCurrentKey, s.MaxModuleCurrentUa, "uA")
                ?? Below(s, SafetySectionBuilder.ModuleCurrentWarningKey, currentWarning, SafetySectionBuilder.ModuleCurrentDerateKey, currentDerate, "uA");
            if (error != null)
            {
                return error;
            }

            return CheckTemperature(s);
        }

        private static BoardParseError CheckTemperature(SafetySectionBuilder s)
        {
            bool warning = s.Has(SafetySectionBuilder.TemperatureWarningKey);
            bool derate = s.Has(SafetySectionBuilder.TemperatureDerateKey);
            if (!warning && !derate)
            {
                return null;
            }

            if (!s.Has(SafetySectionBuilder.TemperatureMaxKey))
            {
                return s.FailAt(
                    warning ? SafetySectionBuilder.TemperatureWarningKey : SafetySectionBuilder.TemperatureDerateKey,
                    BoardParseErrorKind.Inconsistent,
                    "needs temperature_max_c: a graded level lies below the temperature limit it grades");
            }

            int derateLevel = Level(s.TemperatureDerateDeciC, ProtectionGrading.TemperatureDerateBelow(s.TemperatureMaxDeciC));
            int warningLevel = Level(s.TemperatureWarningDeciC, ProtectionGrading.TemperatureWarningBelow(s.TemperatureMaxDeciC));
            return Below(s, SafetySectionBuilder.TemperatureDerateKey, derateLevel, SafetySectionBuilder.TemperatureMaxKey, s.TemperatureMaxDeciC, "x 0.1 degC")
                ?? Below(s, SafetySectionBuilder.TemperatureWarningKey, warningLevel, SafetySectionBuilder.TemperatureDerateKey, derateLevel, "x 0.1 degC");
        }

        private static int Level(int given, int byDefault) => given == SafetyEnvelope.NotGiven ? byDefault : given;

        /// <summary>
        /// <paramref name="level"/> (key <paramref name="key"/>) must be below <paramref name="outer"/> (key
        /// <paramref name="outerKey"/>). The error sits at whichever of the two the board gave, the inner one first.
        /// </summary>
        private static BoardParseError Below(SafetySectionBuilder s, string key, int level, string outerKey, int outer, string unit)
        {
            return level < outer ? null : Collision(s, key, level, outerKey, outer, unit, "below");
        }

        private static BoardParseError Above(SafetySectionBuilder s, string key, int level, string outerKey, int outer, string unit)
        {
            return level > outer ? null : Collision(s, key, level, outerKey, outer, unit, "above");
        }

        private static BoardParseError Collision(SafetySectionBuilder s, string key, int level, string outerKey, int outer, string unit, string side)
        {
            string at = s.Has(key) ? key : outerKey;
            string levelText = level.ToString() + " " + unit + (s.Has(key) ? string.Empty : " (its default)");
            string outerText = outer.ToString() + " " + unit + (s.Has(outerKey) ? string.Empty : " (its default)");
            return s.FailAt(
                at,
                BoardParseErrorKind.Inconsistent,
                key + " at " + levelText + " must lie " + side + " " + outerKey + " at " + outerText
                + ": the levels go warning, derate, safety limit toward the limit");
        }
    }
}
