// Licensed under the MIT License.

using Edge.Firmware.Persistence;

namespace NFUnitTest.Fakes
{
    /// <summary>Text store stand-in: holds one text; writes succeed only when <see cref="Writable"/>.</summary>
    public sealed class FakeTextStore : IConfigurationStore
    {
        /// <summary>The stored text, or null.</summary>
        public string Text { get; set; }

        /// <summary>Whether writes succeed (a flash-file store) or are refused (the deployed store).</summary>
        public bool Writable { get; set; }

        /// <summary>Writes attempted.</summary>
        public int WriteAttempts { get; private set; }

        /// <inheritdoc />
        public string ReadText()
        {
            return Text;
        }

        /// <inheritdoc />
        public bool TryWriteText(string text)
        {
            WriteAttempts++;
            if (!Writable)
            {
                return false;
            }

            Text = text;
            return true;
        }
    }
}
