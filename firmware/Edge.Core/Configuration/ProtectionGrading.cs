// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Default graded levels inside each safety limit, as foxBMS 2 grades its cell limits
    /// (<c>battery_cell_cfg.h</c>: maximum operating limit MOL, recommended safety limit RSL, maximum safety
    /// limit MSL, e.g. 2720 / 2750 / 2800 mV). The MSL is the safety envelope and isolates; the RSL derates the
    /// current; the MOL warns. A level a configuration or a board does not give follows its MSL by these rules.
    /// </summary>
    public static class ProtectionGrading
    {
        /// <summary>
        /// MOL of a voltage or current limit, percent of the MSL's magnitude. Our cells run far inside their
        /// limits (0.1-0.5 V of polarisation against 3 V, 1 mA/cm2 against 5 mA/cm2), so a reading 10 % short of
        /// the MSL is already unusual; foxBMS's few percent suit Li-ion cells that work close to their limits.
        /// </summary>
        public const int WarningPercent = 90;

        /// <summary>
        /// RSL of a voltage or current limit, percent of the MSL's magnitude: half way from the MOL to the MSL, so
        /// a derated module has 5 % of headroom before it is isolated.
        /// </summary>
        public const int DeratePercent = 95;

        /// <summary>MOL of a temperature limit: 10 K below it (foxBMS 2: 45 / 50 / 55 degC).</summary>
        public const int TemperatureWarningMarginDeciCelsius = 100;

        /// <summary>RSL of a temperature limit: 5 K below it (foxBMS 2: 45 / 50 / 55 degC).</summary>
        public const int TemperatureDerateMarginDeciCelsius = 50;

        /// <summary>The warning level (MOL) below an upper limit: 10 % of its magnitude inside it, at least 2 units.</summary>
        public static int WarningBelow(int maximum) => Inside(maximum, -Margin(maximum, WarningPercent, 2));

        /// <summary>The derate level (RSL) below an upper limit: 5 % of its magnitude inside it, at least 1 unit.</summary>
        public static int DerateBelow(int maximum) => Inside(maximum, -Margin(maximum, DeratePercent, 1));

        /// <summary>The warning level (MOL) above a lower limit: 10 % of its magnitude inside it, at least 2 units.</summary>
        public static int WarningAbove(int minimum) => Inside(minimum, Margin(minimum, WarningPercent, 2));

        /// <summary>The derate level (RSL) above a lower limit: 5 % of its magnitude inside it, at least 1 unit.</summary>
        public static int DerateAbove(int minimum) => Inside(minimum, Margin(minimum, DeratePercent, 1));

        /// <summary>The temperature warning level (MOL) below a temperature limit (0.1 degC).</summary>
        public static int TemperatureWarningBelow(int maximumDeciCelsius) => Inside(maximumDeciCelsius, -TemperatureWarningMarginDeciCelsius);

        /// <summary>The temperature derate level (RSL) below a temperature limit (0.1 degC).</summary>
        public static int TemperatureDerateBelow(int maximumDeciCelsius) => Inside(maximumDeciCelsius, -TemperatureDerateMarginDeciCelsius);

        // Floors keep the three levels strictly ordered even for a limit at or near 0 (a cell minimum of 0 mV).
        private static long Margin(int limit, int percent, int floor)
        {
            long magnitude = limit < 0 ? -(long)limit : limit;
            long margin = magnitude * (100 - percent) / 100;
            return margin < floor ? floor : margin;
        }

        private static int Inside(long limit, long offset)
        {
            long level = limit + offset;
            if (level > int.MaxValue)
            {
                return int.MaxValue;
            }

            return level < int.MinValue ? int.MinValue : (int)level;
        }
    }
}
