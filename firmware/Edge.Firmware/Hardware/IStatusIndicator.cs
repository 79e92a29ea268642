// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>Something that shows the device state to a person (the status LED); lets services report without owning a pin.</summary>
    public interface IStatusIndicator
    {
        /// <summary>Shows <paramref name="pattern"/> (error patterns are sticky).</summary>
        void Show(StatusLedPattern pattern);
    }
}
