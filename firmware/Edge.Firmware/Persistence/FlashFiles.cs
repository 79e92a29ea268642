// Licensed under the MIT License.

using System.IO;

namespace Edge.Firmware.Persistence
{
    /// <summary><see cref="IFlashFiles"/> over nanoFramework's System.IO.File (package nanoFramework.System.IO.FileSystem).</summary>
    public sealed class FlashFiles : IFlashFiles
    {
        /// <inheritdoc />
        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        /// <inheritdoc />
        public string ReadAllText(string path)
        {
            return File.ReadAllText(path);
        }

        /// <inheritdoc />
        public void WriteAllText(string path, string contents)
        {
            File.WriteAllText(path, contents);
        }

        /// <inheritdoc />
        public void Delete(string path)
        {
            File.Delete(path);
        }

        /// <inheritdoc />
        public void Move(string source, string destination)
        {
            // nanoFramework's File.Move refuses an existing destination: the store deletes it first.
            File.Move(source, destination);
        }
    }
}
