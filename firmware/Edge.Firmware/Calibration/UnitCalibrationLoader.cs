// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.Calibration
{
    /// <summary>
    /// Reads the unit's calibration record at boot. A missing record, or one that does not parse or
    /// belongs to another board, leaves the unit uncalibrated: the controller then observes and
    /// closes no switch, and a device event says why.
    /// </summary>
    public static class UnitCalibrationLoader
    {
        /// <summary>The unit's calibration for <paramref name="board"/> from <paramref name="text"/>, or null (reported to <paramref name="events"/>).</summary>
        public static UnitCalibration Load(string text, BoardDefinition board, DeviceEventLog events)
        {
            if (text == null || text.Length == 0)
            {
                events.Report("uncalibrated", "no per-unit calibration for board " + board.Name + ": observe only, no switch closes (cmd/calibrate)");
                return null;
            }

            if (!UnitCalibrationText.TryParse(text, board, out UnitCalibration unit, out BoardParseError error))
            {
                events.Report("uncalibrated", "calibration record refused, " + error.ToString() + ": observe only, no switch closes (cmd/calibrate)");
                return null;
            }

            return unit;
        }
    }
}
