// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// A load switch whose gate driver needs a running clock (a charge pump behind a PWM pin): closed
    /// means 50 % duty, open a static inactive level: 0 counts on an active-high board (written as
    /// <see cref="LedcDuty.ZeroCounts"/>, never as exactly 0, which would make the runtime ignore the next
    /// close), duty 1.0 on an active-low one. The output is never stopped (see
    /// <see cref="IPwmOutput"/>): a stop would leave the timer partner, perhaps another switch or a
    /// current setpoint, storing duty writes without applying them. Without the clock the gate driver
    /// cannot hold the MOSFET on, so a stalled application also ends with the switch open.
    /// </summary>
    public sealed class PwmLoadSwitch : ILoadSwitch, IDisposable
    {
        /// <summary>Duty while closed: a symmetric clock for the charge pump (the same for either polarity).</summary>
        public const double ClosedDutyCycle = 0.5;

        private readonly IPwmOutput _output;
        private readonly double _openDutyCycle;

        /// <summary>Takes <paramref name="output"/> (already running) and drives it open.</summary>
        public PwmLoadSwitch(IPwmOutput output, PinPolarity polarity)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _openDutyCycle = OpenDutyCycle(polarity);
            _output.SetDutyCycle(_openDutyCycle);
        }

        /// <summary>The duty that holds the pin at its inactive level: 0 counts active-high, 1.0 active-low.</summary>
        public static double OpenDutyCycle(PinPolarity polarity)
        {
            return polarity == PinPolarity.ActiveLow ? 1.0 : LedcDuty.ZeroCounts;
        }

        /// <inheritdoc />
        [HotPath]
        public void SetClosed(bool closed)
        {
            _output.SetDutyCycle(closed ? ClosedDutyCycle : _openDutyCycle);
        }

        /// <summary>Drives the switch open and releases the output.</summary>
        public void Dispose()
        {
            _output.SetDutyCycle(_openDutyCycle);
            if (_output is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
