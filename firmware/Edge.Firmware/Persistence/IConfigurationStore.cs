// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>Where the settings text lives between reboots. The seam for a flash-file store.</summary>
    public interface IConfigurationStore
    {
        /// <summary>The stored settings text, or null when there is none.</summary>
        string ReadText();

        /// <summary>Stores <paramref name="text"/>; false when this store cannot write.</summary>
        bool TryWriteText(string text);
    }
}
