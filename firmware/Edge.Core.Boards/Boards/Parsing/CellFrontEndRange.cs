// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// The <c>divider_ratio</c> and <c>offset_mv</c> a cell channel may have on this board, so that a refusal of either
    /// gives a range that passes: inverted from the rules that refuse them (<see cref="FrontEndChecks"/>), on the same
    /// integer arithmetic. The ratio's least is the larger of the hard-short band's (a count at most 5 mV at the cell on a
    /// Vref-1200 chip, 0.175776) and what keeps the nearer [safety] cell limit 10 counts from 0 V; its most the smaller of
    /// 1 (above it the front end would amplify) and what keeps offset_mv + ratio x each limit inside 143-3059 mV. The
    /// offset's range is that last rule's at the channel's ratio. Parse time only; the limits lie either side of 0 V
    /// (ChannelChecks has refused them otherwise).
    /// </summary>
    internal static class CellFrontEndRange
    {
        /// <summary>A ratio of 1, ppm: above it the front end would amplify, which the +-3.3 V cell range cannot use.</summary>
        public const long UnityPpm = 1000000;

        /// <summary>Least ratio whose count at the cell is at most the hard-short band on a Vref-1200 chip, ppm.</summary>
        public static long HardShortLeastPpm()
        {
            double countsPerVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv);
            return (long)System.Math.Ceiling(1e9 / (FrontEndChecks.HardShortBandMv * countsPerVolt));
        }

        /// <summary>
        /// Whether a limit of <paramref name="magnitudeMv"/> lies far enough from 0 V through a ratio of
        /// <paramref name="ratioPpm"/>: the comparison the cell limits' rule counts with.
        /// </summary>
        public static bool ApartFromZero(int magnitudeMv, long ratioPpm)
        {
            double countsPerMilliVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv) / 1000.0;
            double countsPerCellMv = ratioPpm / 1e6 * countsPerMilliVolt;
            return !(magnitudeMv * countsPerCellMv < FrontEndChecks.CalibrationPointSeparationCounts);
        }

        /// <summary>Least ratio that passes with the board's cell limits, ppm (above <see cref="UnityPpm"/> when none does).</summary>
        public static long LeastRatioPpm(SafetySectionBuilder safety)
        {
            long least = HardShortLeastPpm();
            int nearestMv = -safety.CellVoltageMinMv < safety.CellVoltageMaxMv ? -safety.CellVoltageMinMv : safety.CellVoltageMaxMv;
            if (nearestMv <= 0 || ApartFromZero(nearestMv, least))
            {
                return least;
            }

            // Start from the division and settle it with the rule's own comparison (double rounding can put it one off).
            double countsPerMilliVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv) / 1000.0;
            long ppm = (long)(FrontEndChecks.CalibrationPointSeparationCounts * 1e6 / (nearestMv * countsPerMilliVolt));
            while (ppm > least && ApartFromZero(nearestMv, ppm - 1))
            {
                ppm--;
            }

            while (!ApartFromZero(nearestMv, ppm) && ppm <= UnityPpm)
            {
                ppm++;
            }

            return ppm;
        }

        /// <summary>Most ratio that keeps both cell limits inside 143-3059 mV around <paramref name="offsetMv"/>, ppm (at most 1; below 0 when none does).</summary>
        public static long MostRatioPpm(SafetySectionBuilder safety, long offsetMv)
        {
            // The rule truncates ratio x limit to whole mV: floor(r x |limit| / 1e6) <= headroom, r x |limit| < (headroom + 1) x 1e6.
            long lowHeadroomMv = offsetMv - Esp32AdcCharacteristics.ReadableLowMv;
            long highHeadroomMv = Esp32AdcCharacteristics.ReadableHighMv - offsetMv;
            if (lowHeadroomMv < 0 || highHeadroomMv < 0)
            {
                return -1;
            }

            long most = (((lowHeadroomMv + 1) * 1000000L) - 1) / -safety.CellVoltageMinMv;
            long high = (((highHeadroomMv + 1) * 1000000L) - 1) / safety.CellVoltageMaxMv;
            most = high < most ? high : most;
            return most < UnityPpm ? most : UnityPpm;
        }

        /// <summary>Least offset that keeps the lower cell limit at or above 143 mV through <paramref name="ratioPpm"/>, mV.</summary>
        public static long LeastOffsetMv(SafetySectionBuilder safety, long ratioPpm)
        {
            return Esp32AdcCharacteristics.ReadableLowMv + ((ratioPpm * -safety.CellVoltageMinMv) / 1000000);
        }

        /// <summary>Most offset that keeps the upper cell limit at or below 3059 mV through <paramref name="ratioPpm"/>, mV.</summary>
        public static long MostOffsetMv(SafetySectionBuilder safety, long ratioPpm)
        {
            return Esp32AdcCharacteristics.ReadableHighMv - ((ratioPpm * safety.CellVoltageMaxMv) / 1000000);
        }

        /// <summary>"; use A to B" for the ratio at the cell's offset, or why none fits.</summary>
        public static string RatioAdvice(SafetySectionBuilder safety, CellSectionBuilder cell)
        {
            long least = LeastRatioPpm(safety);
            long most = MostRatioPpm(safety, cell.OffsetMv);
            if (least <= most)
            {
                return "; use a divider_ratio of " + BoardValueReader.FormatScaled(least, 6) + " to " + BoardValueReader.FormatScaled(most, 6);
            }

            if (least > UnityPpm)
            {
                return "; no divider_ratio up to 1 keeps the [safety] cell limits " + FrontEndChecks.CalibrationPointSeparationCounts.ToString() + " counts from 0 V";
            }

            return "; no divider_ratio fits around offset_mv " + cell.OffsetMv.ToString() + " mV: at the least ratio, "
                + BoardValueReader.FormatScaled(least, 6) + ", use an offset_mv of " + LeastOffsetMv(safety, least).ToString() + " to " + MostOffsetMv(safety, least).ToString() + " mV";
        }
    }
}
