// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>ADC counts of one cell-voltage channel to mV at the cell (signed: plating is negative).</summary>
    [HotPath]
    public sealed class CellVoltageChannel
    {
        private readonly CalibratedAdcChannel _channel;

        public CellVoltageChannel(CellChannelDefinition definition, int fullScaleCounts)
            : this(definition, definition.Calibration, fullScaleCounts)
        {
        }

        /// <summary>The channel converting through <paramref name="calibration"/> (a unit's own curve) instead of the board's.</summary>
        public CellVoltageChannel(CellChannelDefinition definition, CalibrationCurve calibration, int fullScaleCounts)
        {
            Definition = definition;
            _channel = new CalibratedAdcChannel(calibration, fullScaleCounts);
        }

        public CellChannelDefinition Definition { get; }

        /// <summary>Board cell index.</summary>
        public int CellIndex
        {
            get { return Definition.Index; }
        }

        /// <summary>mV at the cell for <paramref name="counts"/>, without a validity check.</summary>
        public int ConvertToMv(int counts)
        {
            return _channel.Convert(counts);
        }

        public AdcReadingStatus Classify(int counts)
        {
            return _channel.Classify(counts);
        }

        /// <summary>mV at the cell; false (and 0 mV) for a saturated or impossible reading.</summary>
        public bool TryConvertToMv(int counts, out int voltageMv, out AdcReadingStatus status)
        {
            return _channel.TryConvert(counts, out voltageMv, out status);
        }
    }
}
