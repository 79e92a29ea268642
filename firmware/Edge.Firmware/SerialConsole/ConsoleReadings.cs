// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// The console's <c>readings</c> line, for bringing up a board without a broker: the latest sample frame, as the
    /// controller got it, in engineering units (after the board's conversion and this unit's calibration): per module its
    /// current and its cells' voltages, then the temperatures:
    /// <c>module 0: 385 uA, cells 312 311 mV; module 1: 0 uA, cells 200 4095 (saturated) mV; temperatures 25.1 degC</c>.
    /// A reading whose channel was not valid carries the channel's status after the value read (saturated, implausible,
    /// missing): the first sign of a wrong divider or pin. The frame is read while the sampling thread writes the next:
    /// one line may mix two consecutive ticks.
    /// </summary>
    public static class ConsoleReadings
    {
        /// <summary>One line of <paramref name="frame"/>'s module currents, cell voltages and temperatures.</summary>
        public static string Of(SampleFrame frame)
        {
            PackLayout layout = frame.Layout;
            string text = string.Empty;
            for (int m = 0; m < layout.ModuleCount; m++)
            {
                text += (m == 0 ? "module " : "; module ") + m.ToString() + ": " + frame.ModuleCurrentUa[m].ToString()
                    + Status(frame.ModuleCurrentStatus[m]) + " uA, cells";
                for (int c = layout.FirstCellOf(m); c < layout.FirstCellOf(m) + layout.CellsPerModule; c++)
                {
                    text += " " + frame.CellVoltageMv[c].ToString() + Status(frame.CellVoltageStatus[c]);
                }

                text += " mV";
            }

            if (layout.TemperatureCount > 0)
            {
                text += "; temperatures";
                for (int t = 0; t < layout.TemperatureCount; t++)
                {
                    text += " " + DeciUnits(frame.TemperatureDeciCelsius[t]) + Status(frame.TemperatureStatus[t]);
                }

                text += " degC";
            }

            return text;
        }

        // Nothing for a valid reading; else the status in brackets, as the contract names channel faults.
        private static string Status(ChannelStatus status)
        {
            switch (status)
            {
                case ChannelStatus.Valid:
                    return string.Empty;
                case ChannelStatus.Saturated:
                    return " (saturated)";
                case ChannelStatus.Implausible:
                    return " (implausible)";
                case ChannelStatus.Missing:
                    return " (missing)";
                default:
                    return " (status " + ((int)status).ToString() + ")";
            }
        }

        // Tenths as a decimal with one digit (-5 is -0.5), without floating point.
        private static string DeciUnits(int tenths)
        {
            int magnitude = tenths < 0 ? -tenths : tenths;
            return (tenths < 0 ? "-" : string.Empty) + (magnitude / 10).ToString() + "." + (magnitude % 10).ToString();
        }
    }
}
