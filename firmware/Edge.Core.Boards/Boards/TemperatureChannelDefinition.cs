// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>An optional temperature channel (e.g. an NTC divider): counts to 0.1 degC through calibration points.</summary>
    public sealed class TemperatureChannelDefinition
    {
        /// <summary><see cref="Module"/> of a sensor that watches the whole pack.</summary>
        public const int PackWide = -1;

        public TemperatureChannelDefinition(int index, AnalogInputDefinition input, CalibrationCurve calibration)
            : this(index, input, calibration, PackWide)
        {
        }

        public TemperatureChannelDefinition(int index, AnalogInputDefinition input, CalibrationCurve calibration, int module)
        {
            Index = index;
            Input = input;
            Calibration = calibration;
            Module = module;
        }

        /// <summary>The module the sensor sits on (<c>module</c>), or <see cref="PackWide"/> when it watches the pack.</summary>
        public int Module { get; }

        /// <summary>Sensor number, 0-based (<c>[temperature N]</c>).</summary>
        public int Index { get; }

        public AnalogInputDefinition Input { get; }

        /// <summary>Counts to tenths of a degree Celsius (ddegC); may fall with counts (NTC to ground).</summary>
        public CalibrationCurve Calibration { get; }
    }
}
