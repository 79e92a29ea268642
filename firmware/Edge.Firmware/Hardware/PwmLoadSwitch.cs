// Licensed under the MIT License.

using System;
using System.Device.Pwm;
using Edge.Core;
using Edge.Core.Boards;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// A load switch whose gate driver needs a running clock (a charge pump behind a PWM pin): closed
    /// means the LEDC PWM runs at 50 % duty, open means it is stopped. An active-low board runs the
    /// inverted duty. Without the clock the gate driver cannot hold the MOSFET on, so a stalled or
    /// crashed application also ends with the switch open.
    /// </summary>
    public sealed class PwmLoadSwitch : ILoadSwitch, IDisposable
    {
        /// <summary>Duty while closed: a symmetric clock for the charge pump.</summary>
        public const double ClosedDutyCycle = 0.5;

        private readonly PwmChannel _channel;
        private bool _running;

        /// <summary>
        /// Routes <paramref name="pinNumber"/> to LEDC channel <paramref name="pwmFunction"/> and creates
        /// the channel, stopped.
        /// </summary>
        public PwmLoadSwitch(int pinNumber, DeviceFunction pwmFunction, int frequencyHz, PinPolarity polarity)
        {
            if (frequencyHz <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frequencyHz));
            }

            Configuration.SetPinFunction(pinNumber, pwmFunction);
            double duty = polarity == PinPolarity.ActiveLow ? 1.0 - ClosedDutyCycle : ClosedDutyCycle;
            _channel = PwmChannel.CreateFromPin(pinNumber, frequencyHz, duty);
        }

        /// <inheritdoc />
        [HotPath]
        public void SetClosed(bool closed)
        {
            if (closed && !_running)
            {
                _channel.Start();
                _running = true;
            }
            else if (!closed && _running)
            {
                _channel.Stop();
                _running = false;
            }
        }

        /// <summary>Stops the clock and releases the channel.</summary>
        public void Dispose()
        {
            SetClosed(false);
            _channel.Dispose();
        }
    }
}
