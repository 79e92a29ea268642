// Licensed under the MIT License.

using System;
using System.Device.Dac;
using Edge.Core.Annotations;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// A current setpoint on one of the ESP32's two 8-bit DAC channels (channel 0 on GPIO 25, channel 1 on
    /// GPIO 26); the code is the DAC value, 0-255. Opened at 0.
    /// </summary>
    public sealed class DacSetpointOutput : ISetpointOutput, IDisposable
    {
        private readonly DacChannel _channel;

        /// <summary>Opens the DAC channel wired to <paramref name="pin"/> (25 or 26) and writes 0.</summary>
        public DacSetpointOutput(DacController controller, int pin)
        {
            if (controller == null)
            {
                throw new ArgumentNullException(nameof(controller));
            }

            if (pin != 25 && pin != 26)
            {
                throw new ArgumentOutOfRangeException(nameof(pin));
            }

            _channel = controller.OpenChannel(pin == 25 ? 0 : 1);
            _channel.WriteValue(0);
        }

        /// <inheritdoc />
        [HotPath]
        public void WriteCode(int code)
        {
            _channel.WriteValue((ushort)code);
        }

        /// <summary>Writes 0 and releases the channel (the board's pull-down then holds the net at 0).</summary>
        public void Dispose()
        {
            _channel.WriteValue(0);
            _channel.Dispose();
        }
    }
}
