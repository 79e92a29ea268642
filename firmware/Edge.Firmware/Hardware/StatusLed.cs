// Licensed under the MIT License.

using System;
using System.Device.Gpio;
using System.Threading;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// The board's status LED, blinking the <see cref="StatusLedPattern"/> with the highest precedence
    /// raised so far, from a 50 ms timer (never from the sampling thread).
    /// </summary>
    public sealed class StatusLed : IStatusLed, IDisposable
    {
        private const int StepMs = 50;

        private readonly GpioPin _pin;
        private readonly PinValue _onLevel;
        private readonly PinValue _offLevel;
        private readonly Timer _timer;
        private StatusLedPattern _pattern = StatusLedPattern.Offline;
        private int _step;

        /// <summary>Opens the LED pin (off) and starts blinking <see cref="StatusLedPattern.Offline"/>.</summary>
        public StatusLed(GpioController gpio, int pinNumber, PinPolarity polarity)
        {
            if (gpio == null)
            {
                throw new ArgumentNullException(nameof(gpio));
            }

            _onLevel = polarity == PinPolarity.ActiveLow ? PinValue.Low : PinValue.High;
            _offLevel = polarity == PinPolarity.ActiveLow ? PinValue.High : PinValue.Low;
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(_offLevel);
            _timer = new Timer(OnStep, null, StepMs, StepMs);
        }

        /// <summary>
        /// Shown over the connection patterns while true (a module holds a latched fault); the error
        /// patterns still win. Cleared when the faults are reset.
        /// </summary>
        public bool ModuleFault { get; set; }

        /// <summary>Current pattern.</summary>
        public StatusLedPattern Pattern
        {
            get { return _pattern; }
        }

        /// <inheritdoc />
        public void Show(StatusLedPattern pattern)
        {
            if (_pattern == StatusLedPattern.BoardError || _pattern == StatusLedPattern.WatchdogTripped)
            {
                if (pattern < _pattern)
                {
                    return;
                }
            }

            _pattern = pattern;
        }

        /// <summary>Whether the LED is lit at <paramref name="step"/> (50 ms steps) of <paramref name="pattern"/>.</summary>
        public static bool IsLit(StatusLedPattern pattern, int step)
        {
            switch (pattern)
            {
                case StatusLedPattern.Online:
                    return true;
                case StatusLedPattern.ModuleFault:
                    return (step / 2) % 2 == 0;
                case StatusLedPattern.BoardError:
                    int boardPhase = step % 40;
                    return boardPhase < 2 || (boardPhase >= 4 && boardPhase < 6);
                case StatusLedPattern.WatchdogTripped:
                    return step % 40 == 0;
                default:
                    return (step / 20) % 2 == 0;
            }
        }

        /// <summary>Stops the timer and turns the LED off.</summary>
        public void Dispose()
        {
            _timer.Dispose();
            _pin.Write(_offLevel);
            _pin.Dispose();
        }

        private void OnStep(object state)
        {
            _step = (_step + 1) % 400;
            StatusLedPattern shown = ModuleFault && _pattern < StatusLedPattern.ModuleFault ? StatusLedPattern.ModuleFault : _pattern;
            _pin.Write(IsLit(shown, _step) ? _onLevel : _offLevel);
        }
    }
}
