// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The unit's calibration record as deployed (<see cref="DeployedUnitCalibration.Text"/>): survives
    /// reboots, changes only by deploying.
    /// </summary>
    /// <remarks>
    /// Writing it at run time needs a file in internal flash (nanoFramework's file-system package),
    /// outside the API this project verifies: <see cref="TryWriteText"/> refuses, and the calibration
    /// mode then reports the record for deployment instead of storing it.
    /// </remarks>
    public sealed class DeployedCalibrationStore : IConfigurationStore
    {
        /// <inheritdoc />
        public string ReadText()
        {
            return DeployedUnitCalibration.Text.Length == 0 ? null : DeployedUnitCalibration.Text;
        }

        /// <inheritdoc />
        public bool TryWriteText(string text)
        {
            return false;
        }
    }
}
