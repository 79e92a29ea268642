// Licensed under the MIT License.

using System.Collections;
using System.IO;
using Edge.Firmware.Persistence;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// Files in memory with nanoFramework's File semantics the store relies on (Move refuses an
    /// existing destination, Delete of a missing file does nothing), and one operation that fails
    /// on demand: <see cref="FailOn"/> names it ("write", "read", "delete", "move") with the path.
    /// </summary>
    public sealed class FakeFlashFiles : IFlashFiles
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _contents = new ArrayList();

        /// <summary>The failing operation and path, e.g. "move I:\\r.txt.new", or null.</summary>
        public string FailOn { get; set; }

        /// <summary>When true, every write stores only the first half of its text (a flash that loses data).</summary>
        public bool TruncateWrites { get; set; }

        /// <summary>Number of files.</summary>
        public int Count
        {
            get { return _names.Count; }
        }

        /// <summary>The text of <paramref name="path"/>, or null when it does not exist (no failure injected).</summary>
        public string Peek(string path)
        {
            int index = _names.IndexOf(path);
            return index < 0 ? null : (string)_contents[index];
        }

        /// <summary>Puts <paramref name="text"/> at <paramref name="path"/> directly (a file left by an earlier boot).</summary>
        public void Put(string path, string text)
        {
            int index = _names.IndexOf(path);
            if (index < 0)
            {
                _names.Add(path);
                _contents.Add(text);
            }
            else
            {
                _contents[index] = text;
            }
        }

        /// <inheritdoc />
        public bool Exists(string path)
        {
            return _names.IndexOf(path) >= 0;
        }

        /// <inheritdoc />
        public string ReadAllText(string path)
        {
            FailIf("read", path);
            int index = _names.IndexOf(path);
            if (index < 0)
            {
                throw new IOException("file not found");
            }

            return (string)_contents[index];
        }

        /// <inheritdoc />
        public void WriteAllText(string path, string contents)
        {
            FailIf("write", path);
            Put(path, TruncateWrites ? contents.Substring(0, contents.Length / 2) : contents);
        }

        /// <inheritdoc />
        public void Delete(string path)
        {
            FailIf("delete", path);
            int index = _names.IndexOf(path);
            if (index >= 0)
            {
                _names.RemoveAt(index);
                _contents.RemoveAt(index);
            }
        }

        /// <inheritdoc />
        public void Move(string source, string destination)
        {
            FailIf("move", source);
            int index = _names.IndexOf(source);
            if (index < 0 || Exists(destination))
            {
                throw new IOException("cannot move");
            }

            _names[index] = destination;
        }

        private void FailIf(string operation, string path)
        {
            if (FailOn == operation + " " + path)
            {
                throw new IOException("injected " + operation + " failure");
            }
        }
    }
}
