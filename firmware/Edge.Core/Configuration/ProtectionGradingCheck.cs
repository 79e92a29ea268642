// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// The graded protection levels must be ordered MOL &lt; RSL &lt; MSL away from the safe side (for the lower
    /// voltage limit mirrored: MSL &lt; RSL &lt; MOL), or a reading would be isolated before it was derated or warned.
    /// The error names the offending field and the one it collides with.
    /// </summary>
    internal static class ProtectionGradingCheck
    {
        public static void Validate(ProtectionConfiguration protection, ConfigurationCheck check)
        {
            Rising(check, "protection.cellMaximumWarningMv", protection.CellMaximumWarningMv, "protection.cellMaximumDerateMv", protection.CellMaximumDerateMv);
            Rising(check, "protection.cellMaximumDerateMv", protection.CellMaximumDerateMv, "protection.cellMaximumMv", protection.CellMaximumMv);
            Falling(check, "protection.cellMinimumWarningMv", protection.CellMinimumWarningMv, "protection.cellMinimumDerateMv", protection.CellMinimumDerateMv);
            Falling(check, "protection.cellMinimumDerateMv", protection.CellMinimumDerateMv, "protection.cellMinimumMv", protection.CellMinimumMv);
            check.Range("protection.moduleCurrentWarningUa", protection.ModuleCurrentWarningUa, 1, protection.ModuleMaximumCurrentUa);
            Rising(check, "protection.moduleCurrentWarningUa", protection.ModuleCurrentWarningUa, "protection.moduleCurrentDerateUa", protection.ModuleCurrentDerateUa);
            Rising(check, "protection.moduleCurrentDerateUa", protection.ModuleCurrentDerateUa, "protection.moduleMaximumCurrentUa", protection.ModuleMaximumCurrentUa);
            Rising(check, "protection.temperatureWarningDeciCelsius", protection.TemperatureWarningDeciCelsius, "protection.temperatureDerateDeciCelsius", protection.TemperatureDerateDeciCelsius);
            Rising(check, "protection.temperatureDerateDeciCelsius", protection.TemperatureDerateDeciCelsius, "protection.maximumTemperatureDeciCelsius", protection.MaximumTemperatureDeciCelsius);
            check.Range("protection.derateCurrentPercent", protection.DerateCurrentPercent, 1, 99);
            check.Range("protection.derateRecoveryMs", protection.DerateRecoveryMs, 0, 86400000);
        }

        private static void Rising(ConfigurationCheck check, string field, int value, string outerField, int outer)
        {
            if (value >= outer)
            {
                check.Fail(new ConfigurationError(
                    field,
                    value.ToString() + " must be below " + outerField + " (" + outer.ToString() + "): the levels rise warning (MOL) < derate (RSL) < safety limit (MSL)"));
            }
        }

        private static void Falling(ConfigurationCheck check, string field, int value, string outerField, int outer)
        {
            if (value <= outer)
            {
                check.Fail(new ConfigurationError(
                    field,
                    value.ToString() + " must be above " + outerField + " (" + outer.ToString() + "): the lower levels fall warning (MOL) > derate (RSL) > safety limit (MSL)"));
            }
        }
    }
}
