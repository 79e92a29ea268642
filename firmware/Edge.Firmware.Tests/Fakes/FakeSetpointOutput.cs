// Licensed under the MIT License.

using System;
using System.Collections;
using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>Setpoint output stand-in: the code written last, how often, and optionally each write in a shared log.</summary>
    public sealed class FakeSetpointOutput : ISetpointOutput
    {
        /// <summary>Code written last; -1 before the first write.</summary>
        public int Code { get; private set; } = -1;

        /// <summary>Number of writes.</summary>
        public int WriteCount { get; private set; }

        /// <summary>When set, every write throws (an output that opened but cannot be driven).</summary>
        public bool ThrowOnWrite { get; set; }

        /// <summary>When set, each write adds "<see cref="Name"/>=code" to it.</summary>
        public ArrayList Log { get; set; }

        /// <summary>Name in <see cref="Log"/>.</summary>
        public string Name { get; set; } = "setpoint";

        /// <summary>
        /// When set, the next non-zero write first latches this bank at zero and only then lands: the watchdog's trip
        /// coming from its own thread after the tick chose its code and before the output took it.
        /// </summary>
        public CurrentSetpointBank LatchDuringNextWrite { get; set; }

        /// <inheritdoc />
        public void WriteCode(int code)
        {
            if (ThrowOnWrite)
            {
                throw new InvalidOperationException("fake setpoint failure");
            }

            CurrentSetpointBank latching = LatchDuringNextWrite;
            if (code != 0 && latching != null)
            {
                LatchDuringNextWrite = null;
                latching.LatchAtZero();
            }

            Code = code;
            WriteCount++;
            if (Log != null)
            {
                Log.Add(Name + "=" + code.ToString());
            }
        }
    }
}
