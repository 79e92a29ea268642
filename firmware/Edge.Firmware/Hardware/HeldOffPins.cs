// Licensed under the MIT License.

using System;
using System.Device.Gpio;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// GPIOs opened as outputs and held low until released (the boot's drive-off step). Releasing
    /// returns them to inputs so that the board's own drivers can open them; the board's pull-downs
    /// keep each net off in the microseconds between.
    /// </summary>
    public sealed class HeldOffPins : IDisposable
    {
        private readonly GpioPin[] _pins;
        private int _opened;

        /// <summary>Opens and drives low every pin of <paramref name="pinNumbers"/>; releases those already held when one fails.</summary>
        public HeldOffPins(GpioController gpio, int[] pinNumbers)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException(nameof(gpio));
            }

            _pins = new GpioPin[pinNumbers.Length];
            try
            {
                for (int i = 0; i < pinNumbers.Length; i++)
                {
                    // Opening as an output drives the pin low first, which is already the off level.
                    GpioPin pin = gpio.OpenPin(pinNumbers[i], PinMode.Output);
                    pin.Write(PinValue.Low);
                    _pins[i] = pin;
                    _opened++;
                }
            }
            catch (Exception)
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Releases every held pin.</summary>
        public void Dispose()
        {
            for (int i = 0; i < _opened; i++)
            {
                _pins[i].Dispose();
            }

            _opened = 0;
        }
    }
}
