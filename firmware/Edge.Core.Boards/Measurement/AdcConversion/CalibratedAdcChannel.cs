// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;
using Edge.Core.Calibration;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// Counts to engineering value with validity for one channel: readings at 0 or at full scale
    /// are saturated (the ESP32 ADC clips there and is non-linear close by), so their value is
    /// not trusted. Created once from the board; converting allocates nothing.
    /// </summary>
    [HotPath]
    public sealed class CalibratedAdcChannel
    {
        private readonly PiecewiseLinearCalibration _calibration;

        public CalibratedAdcChannel(CalibrationCurve curve, int fullScaleCounts)
        {
            _calibration = new PiecewiseLinearCalibration(curve);
            FullScaleCounts = fullScaleCounts;
        }

        /// <summary>Largest reading the ADC returns (4095 at 12 bits).</summary>
        public int FullScaleCounts { get; }

        /// <summary>Validity of a reading, independent of the calibration.</summary>
        public AdcReadingStatus Classify(int counts)
        {
            if (counts < 0 || counts > FullScaleCounts)
            {
                return AdcReadingStatus.Impossible;
            }

            if (counts == 0)
            {
                return AdcReadingStatus.SaturatedLow;
            }

            return counts == FullScaleCounts ? AdcReadingStatus.SaturatedHigh : AdcReadingStatus.Valid;
        }

        /// <summary>Calibrated value of a reading, whatever its validity (use with <see cref="Classify"/>).</summary>
        public int Convert(int counts)
        {
            return _calibration.Convert(counts);
        }

        /// <summary>
        /// Converts a valid reading. For an invalid one returns false with
        /// <paramref name="value"/> = 0 and the reason in <paramref name="status"/>.
        /// </summary>
        public bool TryConvert(int counts, out int value, out AdcReadingStatus status)
        {
            status = Classify(counts);
            if (status != AdcReadingStatus.Valid)
            {
                value = 0;
                return false;
            }

            value = _calibration.Convert(counts);
            return true;
        }
    }
}
