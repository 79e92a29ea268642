// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Settings deployed with the application: the text of <see cref="DeployedSettings.Text"/>,
    /// kept in the deployment area of flash, so it survives reboots but changes only by deploying.
    /// </summary>
    /// <remarks>
    /// Settings change only by deploying, so <see cref="TryWriteText"/> refuses. A writable store would be a file
    /// in internal flash written as <see cref="FlashUnitRecordStore"/> writes the calibration record (the
    /// file-system package is in the set now); nothing sets settings at run time yet.
    /// </remarks>
    public sealed class DeployedConfigurationStore : IConfigurationStore
    {
        /// <inheritdoc />
        public string ReadText()
        {
            return DeployedSettings.Text;
        }

        /// <inheritdoc />
        public bool TryWriteText(string text)
        {
            return false;
        }
    }
}
