// Licensed under the MIT License.

using System;
using System.Device.Gpio;
using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// A load switch driven by one GPIO level (e.g. a level shifter into a high-side P-MOSFET).
    /// The board gives the polarity; the pin is driven to the open level as soon as it is opened.
    /// </summary>
    public sealed class GpioLoadSwitch : ILoadSwitch, IDisposable
    {
        private readonly GpioPin _pin;
        private readonly PinValue _closedLevel;
        private readonly PinValue _openLevel;

        /// <summary>Opens <paramref name="pinNumber"/> as an output at the open level.</summary>
        public GpioLoadSwitch(GpioController gpio, int pinNumber, PinPolarity polarity)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException(nameof(gpio));
            }

            _closedLevel = polarity == PinPolarity.ActiveLow ? PinValue.Low : PinValue.High;
            _openLevel = polarity == PinPolarity.ActiveLow ? PinValue.High : PinValue.Low;
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(_openLevel);
        }

        /// <inheritdoc />
        [HotPath]
        public void SetClosed(bool closed)
        {
            _pin.Write(closed ? _closedLevel : _openLevel);
        }

        /// <summary>Leaves the switch open and releases the pin.</summary>
        public void Dispose()
        {
            _pin.Write(_openLevel);
            _pin.Dispose();
        }
    }
}
