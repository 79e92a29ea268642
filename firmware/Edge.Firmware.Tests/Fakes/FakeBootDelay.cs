// Licensed under the MIT License.

using System.Collections;
using Edge.Firmware.Boot;

namespace NFUnitTest.Fakes
{
    /// <summary>Records the waits between boot attempts instead of sleeping.</summary>
    public sealed class FakeBootDelay : IBootDelay
    {
        /// <summary>Every wait asked for, ms, in order (boxed ints).</summary>
        public ArrayList Waits { get; } = new ArrayList();

        /// <inheritdoc />
        public void Wait(int delayMs)
        {
            Waits.Add(delayMs);
        }

        /// <summary>Wait <paramref name="index"/>, ms.</summary>
        public int WaitAt(int index)
        {
            return (int)Waits[index];
        }
    }
}
