// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>ADC counts of one module-current channel to uA (stripping positive, plating negative).</summary>
    [HotPath]
    public sealed class ModuleCurrentChannel
    {
        private readonly CalibratedAdcChannel _channel;

        public ModuleCurrentChannel(ModuleDefinition definition, int fullScaleCounts)
            : this(definition, definition.CurrentCalibration, fullScaleCounts)
        {
        }

        /// <summary>The channel converting through <paramref name="calibration"/> (a unit's own curve) instead of the board's.</summary>
        public ModuleCurrentChannel(ModuleDefinition definition, CalibrationCurve calibration, int fullScaleCounts)
        {
            Definition = definition;
            _channel = new CalibratedAdcChannel(calibration, fullScaleCounts);
        }

        public ModuleDefinition Definition { get; }

        /// <summary>Board module index.</summary>
        public int ModuleIndex
        {
            get { return Definition.Index; }
        }

        /// <summary>uA for <paramref name="counts"/>, without a validity check.</summary>
        public int ConvertToUa(int counts)
        {
            return _channel.Convert(counts);
        }

        public AdcReadingStatus Classify(int counts)
        {
            return _channel.Classify(counts);
        }

        /// <summary>uA; false (and 0 uA) for a saturated or impossible reading.</summary>
        public bool TryConvertToUa(int counts, out int currentUa, out AdcReadingStatus status)
        {
            return _channel.TryConvert(counts, out currentUa, out status);
        }
    }
}
