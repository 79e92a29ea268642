// Licensed under the MIT License.

using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>Hardware enable feed pin stand-in: its level and how often it changed.</summary>
    public sealed class FakeEnableFeedOutput : IEnableFeedOutput
    {
        /// <summary>The level written last (false before the first write: opened low).</summary>
        public bool Level { get; private set; }

        /// <summary>Writes that changed the level (each one retriggers the monostable).</summary>
        public int Toggles { get; private set; }

        /// <summary>Writes in all.</summary>
        public int WriteCount { get; private set; }

        /// <inheritdoc />
        public void Write(bool level)
        {
            if (level != Level)
            {
                Toggles++;
            }

            Level = level;
            WriteCount++;
        }
    }
}
