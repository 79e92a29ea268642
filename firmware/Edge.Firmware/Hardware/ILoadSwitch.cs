// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>One module's load switch. Open means no current can flow: the safe state.</summary>
    public interface ILoadSwitch
    {
        /// <summary>Closes (true) or opens (false) the switch.</summary>
        void SetClosed(bool closed);
    }
}
