// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// The <c>amplifier_gain</c>, <c>shunt_milliohm</c> and <c>offset_mv</c> a current channel may have on this board, so
    /// that a refusal of any gives a range that passes. Shunt x gain (mV per A, the product / 1000 as every rule takes it)
    /// must clear three rules: the plating cap spans 50 counts on the typical chip (<see cref="ResolvesPlatingCap"/>,
    /// at amplifier_gain), the module limit lies 10 counts from zero on a Vref-1200 chip (<see cref="LimitApartFromZero"/>,
    /// CurrentLimitCheck's) and offset_mv +- the swing at the limit stays inside 143-3059 mV (<see cref="SwingFits"/>, at
    /// offset_mv). The first two raise it, the last caps it; each is the predicate its check refuses with. Parse time only.
    /// </summary>
    internal static class ModuleFrontEndRange
    {
        /// <summary>Largest gain a board may give, thousandths (10000: beyond any instrumentation amplifier).</summary>
        public const long MostGainMilli = 10000000;

        /// <summary>Largest shunt a board may give, mOhm (100 kOhm).</summary>
        public const long MostShuntMilliohm = 100000000;

        /// <summary>The plating cap spans at least 50 counts of the typical (Vref 1100 mV) chip through <paramref name="milliVoltsPerAmp"/>.</summary>
        public static bool ResolvesPlatingCap(long milliVoltsPerAmp, long capNa)
        {
            double countsPerVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.NominalVrefMv);
            double countsAtCap = capNa * 1e-9 * (milliVoltsPerAmp / 1000.0) * countsPerVolt;
            return countsAtCap >= FrontEndChecks.MinimumPlatingCapCounts;
        }

        /// <summary>The module limit lies at least 10 counts from 0 uA on a Vref-1200 chip (the calibration applies both).</summary>
        public static bool LimitApartFromZero(long milliVoltsPerAmp, long limitUa)
        {
            double countsPerUa = milliVoltsPerAmp / 1000.0 * 1e-6 * Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv);
            return !(limitUa * countsPerUa < FrontEndChecks.CalibrationPointSeparationCounts);
        }

        /// <summary>offset_mv +- shunt x gain x the limit stays inside 143-3059 mV (mV/A x uA = nV, exact).</summary>
        public static bool SwingFits(long milliVoltsPerAmp, long limitUa, long offsetMv)
        {
            long swingNv = milliVoltsPerAmp * limitUa;
            return swingNv <= (offsetMv - Esp32AdcCharacteristics.ReadableLowMv) * 1000000L
                && swingNv <= (Esp32AdcCharacteristics.ReadableHighMv - offsetMv) * 1000000L;
        }

        /// <summary>Whether a factor of <paramref name="factor"/> (gain in thousandths or shunt in mOhm) times <paramref name="other"/> clears the rules that raise shunt x gain.</summary>
        public static bool HighEnough(long factor, long other, long capNa, long limitUa)
        {
            long milliVoltsPerAmp = factor * other / 1000;
            return ResolvesPlatingCap(milliVoltsPerAmp, capNa) && LimitApartFromZero(milliVoltsPerAmp, limitUa);
        }

        /// <summary>Least factor in 1..<paramref name="ceiling"/> that is <see cref="HighEnough"/> (ceiling + 1 when none is).</summary>
        public static long LeastFactor(long other, long ceiling, long capNa, long limitUa)
        {
            if (!HighEnough(ceiling, other, capNa, limitUa))
            {
                return ceiling + 1;
            }

            long low = 1;
            long high = ceiling;
            while (low < high)
            {
                long middle = low + ((high - low) / 2);
                if (HighEnough(middle, other, capNa, limitUa))
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return low;
        }

        /// <summary>Most factor in 1..<paramref name="ceiling"/> whose swing fits (0 when none does).</summary>
        public static long MostFactor(long other, long ceiling, long limitUa, long offsetMv)
        {
            if (!SwingFits(other / 1000, limitUa, offsetMv))
            {
                return 0;
            }

            long low = 1;
            long high = ceiling;
            while (low < high)
            {
                long middle = low + ((high - low + 1) / 2);
                if (SwingFits(middle * other / 1000, limitUa, offsetMv))
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return low;
        }

        /// <summary>Least offset whose swing at the limit stays above 143 mV, mV.</summary>
        public static long LeastOffsetMv(long milliVoltsPerAmp, long limitUa)
        {
            return Esp32AdcCharacteristics.ReadableLowMv + SwingCeilingMv(milliVoltsPerAmp, limitUa);
        }

        /// <summary>Most offset whose swing at the limit stays below 3059 mV, mV.</summary>
        public static long MostOffsetMv(long milliVoltsPerAmp, long limitUa)
        {
            return Esp32AdcCharacteristics.ReadableHighMv - SwingCeilingMv(milliVoltsPerAmp, limitUa);
        }

        private static long SwingCeilingMv(long milliVoltsPerAmp, long limitUa)
        {
            return ((milliVoltsPerAmp * limitUa) + 999999) / 1000000;
        }
    }
}
