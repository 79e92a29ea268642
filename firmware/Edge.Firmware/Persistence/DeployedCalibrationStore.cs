// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The unit's calibration record as deployed (<see cref="DeployedUnitCalibration.Text"/>): the
    /// fallback when internal flash holds no stored record (<see cref="FlashUnitRecordStore"/>);
    /// changes only by deploying, so <see cref="TryWriteText"/> refuses.
    /// </summary>
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
