// Licensed under the MIT License.

using System;
using System.Device.Gpio;
using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// An 8:1 analog multiplexer of the 74HC4051 kind: select lines S0..Sn pick the input (S0 is the
    /// least significant bit), an optional enable (INH on the 74HC4051, active low) connects it.
    /// After a change the driver waits the board's settle time (the RC filter ahead of the ADC pin)
    /// before the ADC may read.
    /// </summary>
    /// <remarks>The GPIO controller is injected and not disposed here: its owner is the application.</remarks>
    public sealed class AnalogMultiplexer : IAnalogMultiplexer, IDisposable
    {
        private readonly GpioPin[] _selectPins;
        private readonly GpioPin _enablePin;
        private readonly PinValue _enabledLevel;
        private readonly int _settleUs;
        private int _selected = -1;

        /// <summary>Opens the select and enable pins as outputs, disabled, input 0 selected.</summary>
        public AnalogMultiplexer(GpioController gpio, MuxDefinition definition)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException(nameof(gpio));
            }

            if (definition == null)
            {
                throw new ArgumentNullException(nameof(definition));
            }

            _selectPins = new GpioPin[definition.SelectPinCount];
            for (int bit = 0; bit < _selectPins.Length; bit++)
            {
                _selectPins[bit] = gpio.OpenPin(definition.SelectPinAt(bit), PinMode.Output);
                _selectPins[bit].Write(PinValue.Low);
            }

            _settleUs = definition.SettleUs;
            if (definition.EnablePin >= 0)
            {
                _enabledLevel = definition.EnablePolarity == PinPolarity.ActiveLow ? PinValue.Low : PinValue.High;
                _enablePin = gpio.OpenPin(definition.EnablePin, PinMode.Output);
                _enablePin.Write(definition.EnablePolarity == PinPolarity.ActiveLow ? PinValue.High : PinValue.Low);
            }
        }

        /// <summary>Connects <paramref name="input"/> to the ADC and waits the settle time if it changed.</summary>
        [HotPath]
        public void Select(int input)
        {
            if (input == _selected)
            {
                return;
            }

            for (int bit = 0; bit < _selectPins.Length; bit++)
            {
                _selectPins[bit].Write(((input >> bit) & 1) == 1 ? PinValue.High : PinValue.Low);
            }

            if (_enablePin != null && _selected < 0)
            {
                _enablePin.Write(_enabledLevel);
            }

            _selected = input;
            MicrosecondClock.SpinWait(_settleUs);
        }

        /// <summary>Releases the pins.</summary>
        public void Dispose()
        {
            for (int bit = 0; bit < _selectPins.Length; bit++)
            {
                _selectPins[bit].Dispose();
            }

            if (_enablePin != null)
            {
                _enablePin.Dispose();
            }
        }
    }
}
