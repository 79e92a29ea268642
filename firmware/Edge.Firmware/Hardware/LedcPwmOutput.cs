// Licensed under the MIT License.

using System;
using System.Device.Pwm;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// An ESP32 LEDC channel as an <see cref="IPwmOutput"/>: routed to its pin, created at the given
    /// duty and started at once, so that the pin is driven from the first moment and never stopped.
    /// </summary>
    public sealed class LedcPwmOutput : IPwmOutput, IDisposable
    {
        private readonly PwmChannel _channel;

        /// <summary>Routes <paramref name="pinNumber"/> to <paramref name="pwmFunction"/> and starts it at <paramref name="initialDutyCycle"/>.</summary>
        public LedcPwmOutput(int pinNumber, DeviceFunction pwmFunction, int frequencyHz, double initialDutyCycle)
        {
            if (frequencyHz <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frequencyHz));
            }

            Configuration.SetPinFunction(pinNumber, pwmFunction);
            _channel = PwmChannel.CreateFromPin(pinNumber, frequencyHz, initialDutyCycle);
            _channel.Start();
        }

        /// <inheritdoc />
        public void SetDutyCycle(double dutyCycle)
        {
            _channel.DutyCycle = dutyCycle;
        }

        /// <summary>Releases the channel (the boot does this only when an attempt failed and everything is released).</summary>
        public void Dispose()
        {
            _channel.Dispose();
        }
    }
}
