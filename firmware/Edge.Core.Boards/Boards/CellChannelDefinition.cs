// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// One cell-voltage channel: a bipolar front end maps the cell voltage V to the ADC input
    /// offset + ratio * V (so -3.3..+3.3 V fits the ADC span), read as counts and converted back
    /// through the measured calibration points (counts to mV at the cell).
    /// </summary>
    public sealed class CellChannelDefinition
    {
        public CellChannelDefinition(int index, AnalogInputDefinition input, int dividerRatioPpm, int offsetMv, CalibrationCurve calibration)
        {
            Index = index;
            Input = input;
            DividerRatioPpm = dividerRatioPpm;
            OffsetMv = offsetMv;
            Calibration = calibration;
        }

        /// <summary>Cell number on the board, 0-based (<c>[cell N]</c>).</summary>
        public int Index { get; }

        public AnalogInputDefinition Input { get; }

        /// <summary>Nominal front-end ratio (ADC volts per cell volt) in parts per million.</summary>
        public int DividerRatioPpm { get; }

        /// <summary>Nominal ADC input voltage at 0 V on the cell (the mid-rail offset), mV.</summary>
        public int OffsetMv { get; }

        /// <summary>Counts to mV at the cell; this, not the nominal values, is what the firmware uses.</summary>
        public CalibrationCurve Calibration { get; }
    }
}
