// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// Where a unit record (the calibration record, the latched faults) is written at run time and read back
    /// at boot: a file in the ESP32's internal flash on the device (<see cref="FlashUnitRecordStore"/>), a fake
    /// in tests.
    /// </summary>
    public interface IUnitRecordStore
    {
        /// <summary>
        /// The stored record text, or null when none is stored. When the storage cannot be read,
        /// null with <paramref name="problem"/> saying why (a stored record may exist).
        /// </summary>
        string Load(out string problem);

        /// <summary>Replaces the stored record with <paramref name="text"/>; null, or why it was not stored.</summary>
        string Save(string text);
    }
}
