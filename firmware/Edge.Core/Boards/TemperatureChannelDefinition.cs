// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>An optional temperature channel (e.g. an NTC divider): counts to 0.1 degC through calibration points.</summary>
    public sealed class TemperatureChannelDefinition
    {
        public TemperatureChannelDefinition(int index, AnalogInputDefinition input, CalibrationCurve calibration)
        {
            Index = index;
            Input = input;
            Calibration = calibration;
        }

        /// <summary>Sensor number, 0-based (<c>[temperature N]</c>).</summary>
        public int Index { get; }

        public AnalogInputDefinition Input { get; }

        /// <summary>Counts to tenths of a degree Celsius (ddegC); may fall with counts (NTC to ground).</summary>
        public CalibrationCurve Calibration { get; }
    }
}
