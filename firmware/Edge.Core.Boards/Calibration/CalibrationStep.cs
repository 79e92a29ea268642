// Licensed under the MIT License.

namespace Edge.Core.Calibration
{
    /// <summary>
    /// One step of a <see cref="CalibrationProcedure"/>: which channel, which reference value the
    /// operator applies at the source (mV across the cell, uA through the shunt, 0.1 degC at the
    /// sensor or the NTC's resistance at that temperature), and the instruction to show.
    /// </summary>
    public sealed class CalibrationStep
    {
        public CalibrationStep(CalibrationChannelKind kind, int channelIndex, int pointIndex, int pointCount, int referenceValue)
        {
            Kind = kind;
            ChannelIndex = channelIndex;
            PointIndex = pointIndex;
            PointCount = pointCount;
            ReferenceValue = referenceValue;
        }

        public CalibrationChannelKind Kind { get; }

        /// <summary>Board cell, module or temperature number.</summary>
        public int ChannelIndex { get; }

        /// <summary>Which of the channel's points this is (0-based), in rising reference value.</summary>
        public int PointIndex { get; }

        /// <summary>Points the channel gets.</summary>
        public int PointCount { get; }

        /// <summary>The value to apply, in the channel's unit (<see cref="Unit"/>).</summary>
        public int ReferenceValue { get; }

        /// <summary>"mV", "uA" or "0.1 degC".</summary>
        public string Unit
        {
            get
            {
                if (Kind == CalibrationChannelKind.Cell)
                {
                    return "mV";
                }

                return Kind == CalibrationChannelKind.ModuleCurrent ? "uA" : "0.1 degC";
            }
        }

        /// <summary>
        /// What the operator does, e.g. "cell 2, point 3 of 9: apply -300 mV across the cell terminals (...), then record";
        /// a temperature in degrees ("apply 85.0 degC").
        /// </summary>
        public string Instruction
        {
            get
            {
                string where;
                string how;
                if (Kind == CalibrationChannelKind.Cell)
                {
                    where = "cell " + ChannelIndex.ToString();
                    how = "across the cell terminals (precision voltage source, cell disconnected)";
                }
                else if (Kind == CalibrationChannelKind.ModuleCurrent)
                {
                    where = "module " + ChannelIndex.ToString();
                    how = "through the shunt, positive = stripping direction (precision current source, switch open)";
                }
                else
                {
                    where = "temperature " + ChannelIndex.ToString();
                    how = "at the sensor (reference bath, or the NTC's resistance at that temperature in its place)";
                }

                // A temperature as the operator sets it at the bath (85.0 degC), not in the channel's unit (850 0.1 degC).
                string value = Kind == CalibrationChannelKind.Temperature ? DeciCelsiusText(ReferenceValue) + " degC" : ReferenceValue.ToString() + " " + Unit;
                return where + ", point " + (PointIndex + 1).ToString() + " of " + PointCount.ToString() + ": apply "
                    + value + " " + how + ", then record";
            }
        }

        /// <summary><paramref name="deciCelsius"/> (0.1 degC) as degrees with one decimal: 850 is "85.0", -5 is "-0.5".</summary>
        public static string DeciCelsiusText(int deciCelsius)
        {
            int magnitude = deciCelsius < 0 ? -deciCelsius : deciCelsius;
            return (deciCelsius < 0 ? "-" : string.Empty) + (magnitude / 10).ToString() + "." + (magnitude % 10).ToString();
        }
    }
}
