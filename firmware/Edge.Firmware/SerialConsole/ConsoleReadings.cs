// Licensed under the MIT License.

using System.Text;
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
    /// one line may mix two consecutive ticks. Built in one buffer: concatenating a 256-cell line string by string would
    /// leave hundreds of growing strings on the device's heap, and their collection pauses the sampling thread too.
    /// </summary>
    public static class ConsoleReadings
    {
        /// <summary>One line of <paramref name="frame"/>'s module currents, cell voltages and temperatures.</summary>
        public static string Of(SampleFrame frame)
        {
            PackLayout layout = frame.Layout;

            // About 8 characters a reading, 40 a module.
            StringBuilder text = new StringBuilder(((layout.CellCount + layout.TemperatureCount) * 8) + (layout.ModuleCount * 40));
            for (int m = 0; m < layout.ModuleCount; m++)
            {
                text.Append(m == 0 ? "module " : "; module ").Append(m).Append(": ").Append(frame.ModuleCurrentUa[m]);
                AppendStatus(text, frame.ModuleCurrentStatus[m]);
                text.Append(" uA, cells");
                int first = layout.FirstCellOf(m);
                for (int c = first; c < first + layout.CellsPerModule; c++)
                {
                    text.Append(' ').Append(frame.CellVoltageMv[c]);
                    AppendStatus(text, frame.CellVoltageStatus[c]);
                }

                text.Append(" mV");
            }

            if (layout.TemperatureCount > 0)
            {
                text.Append("; temperatures");
                for (int t = 0; t < layout.TemperatureCount; t++)
                {
                    // Tenths as a decimal with one digit (-5 is -0.5), without floating point.
                    int tenths = frame.TemperatureDeciCelsius[t];
                    int magnitude = tenths < 0 ? -tenths : tenths;
                    text.Append(' ').Append(tenths < 0 ? "-" : string.Empty).Append(magnitude / 10).Append('.').Append(magnitude % 10);
                    AppendStatus(text, frame.TemperatureStatus[t]);
                }

                text.Append(" degC");
            }

            return text.ToString();
        }

        // Nothing for a valid reading; else the status in brackets, as the contract names channel faults.
        private static void AppendStatus(StringBuilder text, ChannelStatus status)
        {
            switch (status)
            {
                case ChannelStatus.Valid:
                    return;
                case ChannelStatus.Saturated:
                    text.Append(" (saturated)");
                    return;
                case ChannelStatus.Implausible:
                    text.Append(" (implausible)");
                    return;
                case ChannelStatus.Missing:
                    text.Append(" (missing)");
                    return;
                case ChannelStatus.CalibrationReference:
                    text.Append(" (calibration reference)");
                    return;
                default:
                    text.Append(" (status ").Append((int)status).Append(')');
                    return;
            }
        }
    }
}
