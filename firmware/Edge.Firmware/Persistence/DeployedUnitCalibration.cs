// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The unit's own calibration record, deployed with the application (kept in the deployment area
    /// of flash): used only while the unit's internal flash holds no record stored by the calibration
    /// mode (which wins). Empty: such a unit is uncalibrated and observes only. Normally left empty:
    /// calibrating (cmd/calibrate or the serial console, firmware/README.md, "Calibration mode") stores
    /// the record in flash. Paste a reported "calibration-record" text here to ship a unit already
    /// calibrated, whole: from its first line to its last, <c>end</c> and the number of channels
    /// (<c>end 6</c> on the DevKitC board); a text without that line is taken for one cut short and
    /// refused, and so is one whose <c>front_end</c> is not the board file's as deployed (the board's
    /// pins, dividers, shunts, gains or offsets changed since the unit was calibrated). One record
    /// belongs to one unit: never deploy it to another.
    /// </summary>
    public static class DeployedUnitCalibration
    {
        /// <summary>The record in <see cref="Edge.Core.Calibration.UnitCalibrationText"/> form, or empty.</summary>
        public const string Text = "";
    }
}
