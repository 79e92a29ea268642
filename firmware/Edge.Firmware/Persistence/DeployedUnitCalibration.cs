// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The unit's own calibration record, deployed with the application (kept in the deployment area
    /// of flash). Empty: the unit is uncalibrated and observes only. Calibrate it with
    /// <c>cmd/calibrate</c> (firmware/README.md, "Calibration mode"), paste the reported
    /// "calibration-record" text here and deploy. One record belongs to one unit: never deploy it to another.
    /// </summary>
    public static class DeployedUnitCalibration
    {
        /// <summary>The record in <see cref="Edge.Core.Calibration.UnitCalibrationText"/> form, or empty.</summary>
        public const string Text = "";
    }
}
