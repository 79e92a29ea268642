// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Measurement;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// The console's <c>readings</c> line, for bringing up a board without a broker: what the controller reads now, per
    /// module its current and its cells' voltages, in engineering units (after the board's conversion and this unit's
    /// calibration): <c>module 0: 385 uA, cells 312 311 mV; module 1: 0 uA, cells 200 201? mV</c>. A reading that was not
    /// valid at the latest tick is marked "?" and shows the last valid one (the controller holds it: a cell's last valid
    /// voltage, a current as read). Read while the tick runs: a line may mix two consecutive ticks.
    /// </summary>
    public static class ConsoleReadings
    {
        /// <summary>What marks a reading that was not valid at the latest tick.</summary>
        public const string InvalidMark = "?";

        /// <summary>One line of every module's current and cell voltages as <paramref name="controller"/> measured them last.</summary>
        public static string Of(EdgeController controller)
        {
            MeasurementSnapshot snapshot = controller.Measurement;
            int cellsPerModule = controller.Layout.CellsPerModule;
            string text = string.Empty;
            for (int m = 0; m < controller.Layout.ModuleCount; m++)
            {
                text += (m == 0 ? "module " : "; module ") + m.ToString() + ": " + snapshot.ModuleCurrentUa[m].ToString()
                    + (snapshot.ModuleCurrentValid[m] ? string.Empty : InvalidMark) + " uA, cells";
                for (int c = m * cellsPerModule; c < (m + 1) * cellsPerModule; c++)
                {
                    text += " " + snapshot.CellVoltageMv[c].ToString() + (snapshot.CellValid[c] ? string.Empty : InvalidMark);
                }

                text += " mV";
            }

            return text;
        }
    }
}
