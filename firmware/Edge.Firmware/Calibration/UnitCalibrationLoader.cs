// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Persistence;

namespace Edge.Firmware.Calibration
{
    /// <summary>
    /// Reads the unit's calibration record at boot. A record stored in flash by the calibration mode
    /// wins; the deployed text is used only when flash holds none (a unit's first boot, or one
    /// calibrated before it could store). A stored record that cannot be read, does not parse, was cut
    /// short (no last line <c>end N</c>), belongs to another board or was measured through another
    /// front end than the board file now describes (its <c>front_end</c>, <see cref="Edge.Core.Boards.FrontEndFingerprint"/>),
    /// or was written before records carried either, is refused, not replaced by the deployed text: the unit was
    /// calibrated since, so the deployed curves are older than what the operator last measured. A
    /// refused or missing record leaves the unit uncalibrated: the controller then observes and
    /// closes no switch, and a device event says why.
    /// </summary>
    public static class UnitCalibrationLoader
    {
        private const string ObserveOnly = ": observe only, no switch closes (calibrate again: cmd/calibrate or the serial console)";

        /// <summary>
        /// The unit's calibration for <paramref name="board"/>: from <paramref name="stored"/>, else from
        /// <paramref name="deployedText"/> (null or empty: none deployed); or null, reported to <paramref name="events"/>.
        /// </summary>
        public static UnitCalibration Load(IUnitRecordStore stored, string deployedText, BoardDefinition board, DeviceEventLog events)
        {
            string text = stored.Load(out string problem);
            if (problem != null)
            {
                events.Report("uncalibrated", "stored calibration record unreadable, " + problem + ObserveOnly);
                return null;
            }

            if (text != null)
            {
                return Parse(text, "stored calibration record", board, events);
            }

            if (deployedText == null || deployedText.Length == 0)
            {
                events.Report("uncalibrated", "no per-unit calibration for board " + board.Name + ObserveOnly);
                return null;
            }

            return Parse(deployedText, "deployed calibration record", board, events);
        }

        private static UnitCalibration Parse(string text, string source, BoardDefinition board, DeviceEventLog events)
        {
            if (!UnitCalibrationText.TryParse(text, board, out UnitCalibration unit, out BoardParseError error))
            {
                events.Report("uncalibrated", source + " refused, " + error.ToString() + ObserveOnly);
                return null;
            }

            events.Report("calibration", "unit " + unit.UnitId + " calibrated for board " + board.Name + " (" + source + ")");
            return unit;
        }
    }
}
