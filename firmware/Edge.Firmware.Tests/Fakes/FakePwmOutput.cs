// Licensed under the MIT License.

using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>PWM output stand-in that remembers the duty cycle written last and how often it was written.</summary>
    public sealed class FakePwmOutput : IPwmOutput
    {
        /// <summary>Duty written last; -1 before the first write (the real output starts at the duty it was created with).</summary>
        public double DutyCycle { get; private set; } = -1.0;

        /// <summary>Number of writes.</summary>
        public int WriteCount { get; private set; }

        /// <inheritdoc />
        public void SetDutyCycle(double dutyCycle)
        {
            DutyCycle = dutyCycle;
            WriteCount++;
        }
    }
}
