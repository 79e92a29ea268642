// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>ADC counts of one temperature channel to tenths of a degree Celsius.</summary>
    [HotPath]
    public sealed class TemperatureChannel
    {
        private readonly CalibratedAdcChannel _channel;

        public TemperatureChannel(TemperatureChannelDefinition definition, int fullScaleCounts)
            : this(definition, definition.Calibration, fullScaleCounts)
        {
        }

        /// <summary>The channel converting through <paramref name="calibration"/> (a unit's own curve) instead of the board's.</summary>
        public TemperatureChannel(TemperatureChannelDefinition definition, CalibrationCurve calibration, int fullScaleCounts)
        {
            Definition = definition;
            _channel = new CalibratedAdcChannel(calibration, fullScaleCounts);
        }

        public TemperatureChannelDefinition Definition { get; }

        /// <summary>0.1 degC for <paramref name="counts"/>, without a validity check.</summary>
        public int ConvertToDeciC(int counts)
        {
            return _channel.Convert(counts);
        }

        public AdcReadingStatus Classify(int counts)
        {
            return _channel.Classify(counts);
        }

        /// <summary>0.1 degC; false (and 0) for a saturated or impossible reading (e.g. an open or shorted NTC).</summary>
        public bool TryConvertToDeciC(int counts, out int temperatureDeciC, out AdcReadingStatus status)
        {
            return _channel.TryConvert(counts, out temperatureDeciC, out status);
        }
    }
}
