// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Settings deployed with the application: the text of <see cref="DeployedSettings.Text"/>,
    /// kept in the deployment area of flash, so it survives reboots but changes only by deploying.
    /// </summary>
    /// <remarks>
    /// A writable store (a file in internal flash) needs nanoFramework's file-system package, which
    /// is outside the API this project verifies; <see cref="TryWriteText"/> therefore refuses.
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
