// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// A current setpoint made by an RC-filtered LEDC PWM: code c of 2^bits is the duty that nanoFramework turns
    /// into exactly c counts. The runtime truncates the duty to 1/10000 steps (d) and then to counts, 2^bits x d /
    /// 10000 (<see cref="LedcResolution"/>), so the duty written is the smallest d reaching c, plus half a step
    /// against floating-point error. Code 0 is written as d = 1 (still 0 counts at 13 bits or fewer): in the
    /// nf-interpreter source we read, a duty of exactly 0 can be stored without being applied to the channel.
    /// The output is never stopped (see <see cref="IPwmOutput"/>).
    /// </summary>
    public sealed class PwmSetpointOutput : ISetpointOutput, IDisposable
    {
        private readonly IPwmOutput _output;
        private readonly int _counts;

        /// <summary>Takes <paramref name="output"/> (already running) at <paramref name="bits"/> of duty resolution (1-13) and writes code 0.</summary>
        public PwmSetpointOutput(IPwmOutput output, int bits)
        {
            if (bits < 1 || bits > LedcResolution.MaxReachableBits)
            {
                throw new ArgumentOutOfRangeException(nameof(bits));
            }

            _output = output ?? throw new ArgumentNullException(nameof(output));
            _counts = 1 << bits;
            WriteCode(0);
        }

        /// <summary>The duty (0-1) that the runtime turns into <paramref name="code"/> counts of <paramref name="counts"/>.</summary>
        [HotPath]
        public static double DutyFor(int code, int counts)
        {
            int steps = (int)((((long)code * LedcResolution.DutySteps) + counts - 1) / counts);
            if (steps < 1)
            {
                steps = 1;
            }

            return steps >= LedcResolution.DutySteps ? 1.0 : (steps + 0.5) / LedcResolution.DutySteps;
        }

        /// <inheritdoc />
        [HotPath]
        public void WriteCode(int code)
        {
            _output.SetDutyCycle(DutyFor(code, _counts));
        }

        /// <summary>Writes code 0 and releases the output.</summary>
        public void Dispose()
        {
            WriteCode(0);
            if (_output is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
