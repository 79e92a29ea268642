// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The few file operations the record store needs (nanoFramework's System.IO.File on the device,
    /// <see cref="FlashFiles"/>): a seam so that the replace-and-recover order is tested on the host,
    /// including a failure at each step. Every member may throw.
    /// </summary>
    public interface IFlashFiles
    {
        /// <summary>True when <paramref name="path"/> names an existing file.</summary>
        bool Exists(string path);

        /// <summary>The whole file as text.</summary>
        string ReadAllText(string path);

        /// <summary>Creates or overwrites <paramref name="path"/> with <paramref name="contents"/>.</summary>
        void WriteAllText(string path, string contents);

        /// <summary>Deletes <paramref name="path"/> (nothing when it does not exist).</summary>
        void Delete(string path);

        /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, which must not exist.</summary>
        void Move(string source, string destination);
    }
}
