// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>
    /// An ESP32 LEDC channel as nanoFramework drives it (System.Device.Pwm 1.1.23 over nf-interpreter's
    /// native PwmChannel, read from their public sources): the duty is kept as whole 1/10000 steps; a write
    /// while the kept value is 0 is only stored, not applied (the native code treats 0 as "before Init");
    /// otherwise the channel runs 2^bits x steps / 10000 counts. Created at a duty and started, as
    /// <see cref="LedcPwmOutput"/> does.
    /// </summary>
    public sealed class NanoFrameworkLedcChannel : IPwmOutput
    {
        private readonly int _resolution;
        private uint _steps;

        /// <summary>CreateFromPin(pin, <paramref name="frequencyHz"/>, <paramref name="initialDutyCycle"/>) then Start().</summary>
        public NanoFrameworkLedcChannel(int frequencyHz, double initialDutyCycle)
        {
            _resolution = 1 << LedcResolution.BitsAt(frequencyHz);

            // The constructor's duty write finds the kept value 0: stored only. Start() configures the
            // channel with what is kept.
            _steps = (uint)(initialDutyCycle * LedcResolution.DutySteps);
            AppliedCounts = Counts(_steps);
        }

        /// <summary>Counts the channel runs at (0 = pin held low).</summary>
        public int AppliedCounts { get; private set; }

        /// <summary>Counts per period at the channel's frequency.</summary>
        public int Resolution => _resolution;

        /// <inheritdoc />
        public void SetDutyCycle(double dutyCycle)
        {
            uint steps = (uint)(dutyCycle * LedcResolution.DutySteps);
            if (_steps != 0)
            {
                AppliedCounts = Counts(steps);
            }

            _steps = steps;
        }

        private int Counts(uint steps) => (int)(_resolution * steps / LedcResolution.DutySteps);
    }
}
