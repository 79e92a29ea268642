// Licensed under the MIT License.

using System;
using System.Device.Gpio;

namespace Edge.Firmware.Hardware
{
    /// <summary>The hardware enable's feed as one GPIO output, opened low (a steady level: the monostable stays timed out).</summary>
    public sealed class GpioEnableFeedOutput : IEnableFeedOutput, IDisposable
    {
        private readonly GpioPin _pin;

        /// <summary>Opens <paramref name="pinNumber"/> as an output, low.</summary>
        public GpioEnableFeedOutput(GpioController gpio, int pinNumber)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException(nameof(gpio));
            }

            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        /// <inheritdoc />
        public void Write(bool level)
        {
            _pin.Write(level ? PinValue.High : PinValue.Low);
        }

        /// <summary>Leaves the feed low (no more retriggers) and releases the pin.</summary>
        public void Dispose()
        {
            _pin.Write(PinValue.Low);
            _pin.Dispose();
        }
    }
}
